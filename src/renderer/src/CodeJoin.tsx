import { useEffect, useRef, useState } from 'react';
import { describeError } from './describeError';
import { answerOfferCode, type CodeAnswer } from './net/codeJoin';
import { useArbiterStore } from './store';
import { testHook } from './testHook';
import { copyWithToast } from './Toast';

const NAME_KEY = 'arbiter.friendName';
/** The session token a host's welcome gave this app on a code join (only its hash is on the host). */
const SESSION_KEY = 'arbiter.codeSession';

/**
 * Join by copy-paste codes: the friend answers the host's offer code, sends
 * the answer code back, and plays once the host has pasted it.
 */
export function CodeJoin({ offerCode }: { offerCode: string }) {
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [answer, setAnswer] = useState<CodeAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<CodeAnswer | null>(null);
  // A new offer pasted, or the panel closed: the old answer is dropped.
  useEffect(
    () => () => {
      current.current?.cancel();
      current.current = null;
    },
    [offerCode],
  );

  const onAnswer = async () => {
    const trimmed = name.trim() || 'Friend';
    localStorage.setItem(NAME_KEY, trimmed);
    setBusy(true);
    setError(null);
    try {
      current.current?.cancel();
      // A friend who dropped comes back as themselves: the token of their last welcome goes along.
      const session = localStorage.getItem(SESSION_KEY) ?? undefined;
      const made = await answerOfferCode(offerCode, trimmed, Date.now(), session);
      current.current = made;
      setAnswer(made);
      const connection = await made.connection;
      current.current = null;
      localStorage.setItem(SESSION_KEY, connection.welcome.session);
      testHook.transport = connection.transport;
      connection.onClose((reason) =>
        useArbiterStore.setState({ friendConnection: null, error: `Disconnected: ${reason}` }),
      );
      useArbiterStore.setState({ friendConnection: connection, error: null });
    } catch (caught) {
      if ((caught as { reason?: string }).reason !== 'cancelled') setError(describeError(caught));
      setAnswer(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="code-join" data-testid="code-join">
      <label htmlFor="code-name">Your name</label>
      <input
        id="code-name"
        data-testid="code-name"
        maxLength={32}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      {!answer && (
        <button type="button" className="primary" disabled={busy} onClick={() => void onAnswer()}>
          {busy ? 'Making the answer code…' : 'Make my answer code'}
        </button>
      )}
      {answer && (
        <>
          <p>Send this answer code back to your host. You join as soon as they paste it.</p>
          <textarea
            className="connect-code"
            data-testid="answer-code"
            readOnly
            rows={4}
            value={answer.answerCode}
            onFocus={(event) => event.target.select()}
          />
          <button
            type="button"
            onClick={() => void copyWithToast(answer.answerCode, 'Answer code', false)}
          >
            Copy answer code
          </button>
          <p className="muted" role="status">
            Waiting for the host…
          </p>
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
