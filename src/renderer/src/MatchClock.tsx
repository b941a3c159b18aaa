import { useState } from 'react';
import { clockRequest } from './clockActions';
import { useArbiterStore } from './store';

const SPEEDS = [0.25, 0.5, 1, 2, 4];

/**
 * The host's match clock in the toolbar: pause or resume, step one tick
 * while paused, and the speed (0.25×–4×). Shows the tick the match is at.
 */
export function MatchClock() {
  const match = useArbiterStore((state) => state.match);
  const statsTick = useArbiterStore((state) => state.stats?.tick ?? 0);
  const [busy, setBusy] = useState(false);
  if (!match?.running) return null;
  const paused = match.phase === 'paused';
  // While paused the step's answer is the truth; running, the ~1 Hz stats are newer.
  const tick = paused ? (match.tick ?? statsTick) : Math.max(statsTick, match.tick ?? 0);
  const run = async (what: string, method: 'match.pause' | 'match.resume' | 'match.step') => {
    setBusy(true);
    await clockRequest(what, (client) => client.request(method, {}));
    setBusy(false);
  };
  return (
    <div className="match-clock" data-testid="match-clock">
      <button
        type="button"
        data-testid="clock-pause"
        disabled={busy}
        onClick={() =>
          void (paused
            ? run('Could not resume', 'match.resume')
            : run('Could not pause', 'match.pause'))
        }
      >
        {paused ? 'Resume' : 'Pause'}
      </button>
      <button
        type="button"
        data-testid="clock-step"
        disabled={busy || !paused}
        title={paused ? 'Run exactly one tick' : 'Pause the match to step it one tick at a time'}
        onClick={() => void run('Could not step', 'match.step')}
      >
        Step
      </button>
      <label>
        <span className="wide-only">Speed </span>
        <select
          data-testid="clock-speed"
          aria-label="Speed"
          title="Speed"
          value={match.speed ?? 1}
          disabled={busy}
          onChange={(event) => {
            const speed = Number(event.target.value);
            void clockRequest('Could not change the speed', (client) =>
              client.request('match.setSpeed', { speed }),
            );
          }}
        >
          {SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
      <span
        className={paused ? 'clock-tick' : 'clock-tick wide-only'}
        data-testid="clock-tick"
        data-paused={paused}
      >
        {paused ? 'Paused at tick' : 'Tick'} {tick}
      </span>
    </div>
  );
}
