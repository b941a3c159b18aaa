import { useState } from 'react';
import { parseInvite } from './net/friendSession';

/** Paste a friend's invite link (or code) to join their match. */
export function JoinPanel({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
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
      <p>Paste the invite link your host sent you.</p>
      <input
        data-testid="invite-input"
        value={text}
        placeholder="http://…/#invite=…"
        onChange={(event) => setText(event.target.value)}
      />
      {error && <p role="alert">{error}</p>}
      <div className="lobby-actions">
        <button type="button" className="primary" onClick={onJoin}>
          Join
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
