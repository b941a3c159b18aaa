import { useEffect, useState } from 'react';
import type { ReplayInfo, ReplaySummary } from '../../../shared/hostApi';
import { replayRequest } from './replayActions';
import { ReplayPlayer } from './ReplayPlayer';

const when = (ms: number) => new Date(ms).toLocaleString();

/** The Saves view's recorded matches: a list, and the one opened in the player. */
export function ReplaysSection() {
  const [replays, setReplays] = useState<ReplaySummary[] | null>(null);
  const [open, setOpen] = useState<ReplayInfo | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void replayRequest((client) => client.request('replay.list', {})).then(({ value, error }) => {
      if (value) setReplays(value.replays);
      if (error) setMessage(`Could not list the replays: ${error}`);
    });
  }, []);

  const onOpen = async (matchId: number) => {
    setBusy(true);
    setMessage(null);
    const { value, error } = await replayRequest((client) =>
      client.request('replay.open', { matchId }),
    );
    setBusy(false);
    if (value) setOpen(value);
    else setMessage(`Could not open replay ${matchId}: ${error}`);
  };

  return (
    <section data-testid="saves-replays">
      <h2>Replays</h2>
      {message && (
        <p className="saves-message" role="alert" data-testid="replays-message">
          {message}
        </p>
      )}
      {open && <ReplayPlayer key={open.matchId} info={open} onClose={() => setOpen(null)} />}
      {replays && replays.length === 0 && <p className="muted">No match recorded yet.</p>}
      {replays && replays.length > 0 && (
        <table data-testid="replays-list">
          <thead>
            <tr>
              <th>Match</th>
              <th>Started</th>
              <th>Length</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {replays.map((replay) => (
              <tr key={replay.matchId}>
                <td>#{replay.matchId}</td>
                <td>{when(replay.startedAt)}</td>
                <td>
                  {replay.recordedTicks} ticks
                  {replay.endTick === null && ' (still running or cut short)'}
                </td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    data-testid={`replay-open-${replay.matchId}`}
                    onClick={() => void onOpen(replay.matchId)}
                  >
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
