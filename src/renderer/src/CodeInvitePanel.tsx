import { useState } from 'react';
import { describeError } from './describeError';
import { useArbiterStore } from './store';
import { copyWithToast } from './Toast';

/**
 * The host's side of a copy-paste join, for a friend who cannot reach this
 * host's port: make an offer code, send it, paste back the answer code.
 * Each offer code connects one friend.
 */
export function CodeInvitePanel() {
  const [offer, setOffer] = useState<string | null>(null);
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    const { client } = useArbiterStore.getState();
    if (!client) return setError('not connected to the host');
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const onOffer = () =>
    run(async () => {
      setStatus('Gathering this host’s network addresses…');
      const made = await useArbiterStore.getState().client!.request('invite.offerCode', {});
      setOffer(made.code);
      setAnswer('');
      setStatus(null);
      await copyWithToast(made.code, 'Offer code', false);
    }).finally(() => setStatus((now) => (now?.startsWith('Gathering') ? null : now)));
  const onConnect = () =>
    run(async () => {
      setStatus('Connecting…');
      const joined = await useArbiterStore
        .getState()
        .client!.request('invite.acceptAnswer', { answerCode: answer });
      setStatus(`${joined.name} joined as player ${joined.playerId}.`);
      setOffer(null);
      setAnswer('');
    }).finally(() => setStatus((now) => (now === 'Connecting…' ? null : now)));

  return (
    <div className="code-invite" data-testid="code-invite">
      <button type="button" disabled={busy} onClick={() => void onOffer()}>
        {offer ? 'New offer code' : 'Make an offer code'}
      </button>
      {offer && (
        <>
          <textarea
            className="connect-code"
            data-testid="offer-code"
            aria-label="Offer code: send it to your friend"
            readOnly
            rows={2}
            value={offer}
            onFocus={(event) => event.target.select()}
          />
          <textarea
            className="connect-code"
            data-testid="answer-code-input"
            aria-label="Your friend's answer code"
            placeholder="Paste your friend’s answer code here"
            rows={2}
            value={answer}
            onChange={(event) => setAnswer(event.target.value)}
          />
          <button
            type="button"
            data-testid="answer-connect"
            disabled={busy || answer.trim() === ''}
            onClick={() => void onConnect()}
          >
            Connect
          </button>
        </>
      )}
      {status && (
        <span role="status" data-testid="code-invite-status">
          {status}
        </span>
      )}
      {error && (
        <span role="alert" className="connection-failed" data-testid="code-invite-error">
          {error}
        </span>
      )}
    </div>
  );
}
