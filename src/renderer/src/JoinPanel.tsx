import { useState } from 'react';
import { CodeJoin } from './CodeJoin';
import { parseInvite } from './net/friendSession';

/** Paste a friend's invite link (or code), or their offer code, to join their match. */
export function JoinPanel({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  // An offer code (or anything shaped like one) goes the copy-paste way; its reader says what is wrong.
  const isConnectCode = /^\s*ARBITER-/i.test(text);
  const onJoin = () => {
    const target = parseInvite(text);
    if (!target) {
      setError('That is not an invite link or code. Ask the host to copy it again.');
      return;
    }
    // Opening the link is the join: the page switches to the friend's view of that host.
    location.href = `${target.hostOrigin}/#invite=${target.code}`;
  };
  return (
    <section className="panel" aria-labelledby="join-title" data-testid="join-panel">
      <h2 id="join-title">Join a game</h2>
      <p>
        Paste the invite link your host sent you, or their offer code when their port cannot be
        reached.
      </p>
      <textarea
        data-testid="invite-input"
        rows={isConnectCode ? 4 : 1}
        value={text}
        placeholder="http://…/#invite=…  or  ARBITER-OFFER-1.…"
        onChange={(event) => {
          setText(event.target.value);
          setError(null);
        }}
      />
      {isConnectCode && <CodeJoin offerCode={text} />}
      {error && <p role="alert">{error}</p>}
      <div className="lobby-actions">
        {!isConnectCode && (
          <button type="button" className="primary" onClick={onJoin}>
            Join
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
