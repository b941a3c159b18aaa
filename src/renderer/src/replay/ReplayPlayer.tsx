import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplayFrame, ReplayInfo } from '../../../shared/hostApi';
import { ReplayCanvas } from './ReplayCanvas';
import { replayRequest } from './replayActions';
import { WhatIfPanel } from './WhatIfPanel';

/**
 * An open replay: the arena at the current tick, a timeline to play, pause
 * and scrub (each seek runs in the host's replay worker; while one is under
 * way only the newest wanted tick is asked next), the state hash and
 * whether the end matches the recorded one, and the what-if panel.
 */
export function ReplayPlayer({ info, onClose }: { info: ReplayInfo; onClose(): void }) {
  const [frame, setFrame] = useState<ReplayFrame | null>(null);
  const [wanted, setWanted] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const next = useRef<number | null>(0);

  const pump = useCallback(async () => {
    if (inFlight.current || next.current === null) return;
    const tick = next.current;
    next.current = null;
    inFlight.current = true;
    const { value, error: failed } = await replayRequest((client) =>
      client.request('replay.seek', { matchId: info.matchId, tick }),
    );
    inFlight.current = false;
    if (value) setFrame(value);
    setError(failed ?? null);
    if (failed) setPlaying(false);
    void pump();
  }, [info.matchId]);

  const seek = useCallback(
    (tick: number) => {
      setWanted(tick);
      next.current = tick;
      void pump();
    },
    [pump],
  );

  useEffect(() => {
    void pump();
  }, [pump]);

  // Playing asks for the next tick at the match's tick rate, never more than one seek at a time.
  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      if (inFlight.current) return;
      setWanted((tick) => {
        const following = Math.min(info.endTick, tick + 1);
        if (following === info.endTick) setPlaying(false);
        next.current = following;
        void pump();
        return following;
      });
    }, 1000 / info.tickRate);
    return () => clearInterval(timer);
  }, [playing, info, pump]);

  const atEnd = frame?.tick === info.endTick;
  const seconds = (tick: number) => (tick / info.tickRate).toFixed(1);
  return (
    <section className="replay-player" data-testid="replay-player">
      <header className="replay-header">
        <h3>Replay of match #{info.matchId}</h3>
        <button type="button" onClick={onClose}>
          Close replay
        </button>
      </header>
      {info.truncated && (
        <p className="saves-message" role="status" data-testid="replay-truncated">
          {info.truncated}. It plays up to tick {info.endTick}.
        </p>
      )}
      <ReplayCanvas map={info.map} frame={frame} />
      <div className="replay-timeline">
        <button
          type="button"
          data-testid="replay-play"
          onClick={() => {
            if (!playing && wanted >= info.endTick) seek(0);
            setPlaying(!playing);
          }}
        >
          {playing ? '⏸ Pause' : '▶ Play'}
        </button>
        <input
          type="range"
          aria-label="Replay timeline"
          data-testid="replay-timeline"
          min={0}
          max={info.endTick}
          value={wanted}
          onChange={(event) => {
            setPlaying(false);
            seek(Number(event.target.value));
          }}
        />
        <span data-testid="replay-tick" data-tick={frame?.tick ?? -1}>
          tick {frame?.tick ?? '…'} / {info.endTick} ({seconds(frame?.tick ?? 0)} s of{' '}
          {seconds(info.endTick)} s)
        </span>
      </div>
      {frame && (
        <p className="replay-hash">
          State hash <code data-testid="replay-hash">{frame.hash}</code>
          {atEnd && info.endHash && (
            <span
              data-testid="replay-verdict"
              className={frame.hash === info.endHash ? 'ok' : 'bad'}
            >
              {frame.hash === info.endHash
                ? ' — matches the hash recorded when the match ended'
                : ` — differs from the recorded ${info.endHash}`}
            </span>
          )}{' '}
          <span className="muted">
            Score:{' '}
            {frame.teamScores
              .map((s) => `team ${s.team + 1} ${s.kills} kills, ${s.damage} damage`)
              .join(' · ')}
          </span>
        </p>
      )}
      {error && (
        <p className="saves-message" role="alert" data-testid="replay-error">
          {error}
        </p>
      )}
      <WhatIfPanel info={info} tick={frame?.tick ?? 0} />
    </section>
  );
}
