import { useState } from 'react';
import type { ReplayInfo, WhatIfResult } from '../../../shared/hostApi';
import { replayRequest } from './replayActions';

const FIELDS = ['kills', 'deaths', 'damage', 'distance'] as const;

/**
 * "What if": re-run the open replay from the current tick with another
 * library version of one of its behaviors, and show the outcomes per team
 * beside the recorded version's.
 */
export function WhatIfPanel({ info, tick }: { info: ReplayInfo; tick: number }) {
  const ids = [...new Set(info.behaviors.map((b) => b.behaviorId))];
  const [behaviorId, setBehaviorId] = useState(ids[0] ?? '');
  const [version, setVersion] = useState('1');
  const [seconds, setSeconds] = useState('10');
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (ids.length === 0)
    return (
      <p className="muted" data-testid="whatif-none">
        What if: no behavior from the library ran in this match (only the built-in AI).
      </p>
    );
  const onRun = async () => {
    setBusy(true);
    setMessage(`Re-running from tick ${tick} twice in the sandbox…`);
    const { value, error } = await replayRequest((client) =>
      client.request('replay.whatIf', {
        matchId: info.matchId,
        fromTick: tick,
        seconds: Number(seconds),
        behaviorId,
        version: Number(version),
      }),
    );
    setBusy(false);
    setResult(value ?? null);
    setMessage(error ? `What if failed: ${error}` : null);
  };
  return (
    <section className="whatif" data-testid="whatif">
      <h3>What if…</h3>
      <p
        className="muted"
        data-testid="whatif-loads"
        data-first-tick={info.behaviors.find((b) => b.behaviorId === behaviorId)?.tick}
      >
        Ran in this match:{' '}
        {info.behaviors.map((b) => `${b.behaviorId} v${b.version} from tick ${b.tick}`).join(', ')}.
        Scrub to a tick where it ran, pick another version and run.
      </p>
      <div className="whatif-form">
        <label>
          behavior{' '}
          <select
            data-testid="whatif-behavior"
            value={behaviorId}
            onChange={(e) => setBehaviorId(e.target.value)}
          >
            {ids.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
        <label>
          ran version{' '}
          <input
            data-testid="whatif-version"
            type="number"
            min={1}
            value={version}
            onChange={(e) => setVersion(e.target.value)}
          />
        </label>
        <label>
          from tick {tick} for{' '}
          <input
            type="number"
            min={1}
            max={120}
            value={seconds}
            onChange={(e) => setSeconds(e.target.value)}
          />{' '}
          s
        </label>
        <button type="button" data-testid="whatif-run" disabled={busy} onClick={() => void onRun()}>
          Run what if
        </button>
      </div>
      {message && (
        <p role="status" data-testid="whatif-message">
          {message}
        </p>
      )}
      {result && (
        <table data-testid="whatif-table">
          <thead>
            <tr>
              <th>Team</th>
              {FIELDS.map((field) => (
                <th key={field}>{field}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.recorded.map((recorded, k) => {
              const variant = result.variant[k];
              return (
                <tr key={recorded.team}>
                  <td>
                    Team {recorded.team + 1} ({recorded.agents} ran {result.behaviorId})
                  </td>
                  {FIELDS.map((field) => {
                    const delta = variant[field] - recorded[field];
                    return (
                      <td key={field} data-testid={`whatif-${field}-${recorded.team}`}>
                        v{result.recordedVersion}: {recorded[field]} → v{result.version}:{' '}
                        {variant[field]}{' '}
                        <strong className={delta === 0 ? 'muted' : ''}>
                          ({delta > 0 ? '+' : ''}
                          {delta})
                        </strong>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {result && (
        <p className="muted">
          Ticks {result.fromTick}–{result.toTick}; both runs start from the recorded world with
          empty behavior memory.
        </p>
      )}
    </section>
  );
}
