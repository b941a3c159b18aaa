import { useEffect, useState } from 'react';
import { FLAG_ALIVE } from '../../../../engine/index';
import { teamColorName, teamCss } from '../game/teamColors';
import type { PlayerClient } from '../net/playerClient';
import { createDeathWatch, watchDeaths, type FeedLine } from './killFeed';

/** How long a kill-feed line stays, ms. */
const FEED_MS = 6000;
const FEED_LINES = 5;
const CONTROLS_KEY = 'arbiter.controlsSeen';

export interface ArenaHudProps {
  client: PlayerClient;
  /** Seconds from death to respawn, when this view knows the config (the host); null: unknown. */
  respawnSeconds: number | null;
  /** A unit's display name, when known. */
  nameOf?: (unitId: number) => string | null;
}

function unitName(line: FeedLine, ownId: number | null, nameOf: ArenaHudProps['nameOf']) {
  if (line.unitId === ownId) return 'You';
  const team = teamColorName(line.team);
  if (line.avatar) return nameOf?.(line.unitId) ?? `${team} player ${line.unitId}`;
  return `${team} #${line.unitId}`;
}

/**
 * What a player reads over the arena: the kill feed, their own death with
 * the respawn countdown, and the controls on first play (dismissed once,
 * remembered in this browser).
 */
export function ArenaHud({ client, respawnSeconds, nameOf }: ArenaHudProps) {
  const [feed, setFeed] = useState<FeedLine[]>([]);
  const [diedAt, setDiedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => performance.now());
  const [controlsSeen, setControlsSeen] = useState(
    () => localStorage.getItem(CONTROLS_KEY) === '1',
  );

  useEffect(() => {
    let watch = createDeathWatch();
    let ownAlive: boolean | null = null;
    const stopReset = client.onReset(() => {
      watch = createDeathWatch();
      ownAlive = null;
      setDiedAt(null);
      setFeed([]);
    });
    const stop = client.onSnapshot((snapshot) => {
      const at = performance.now();
      const fallen = watchDeaths(watch, snapshot, at);
      if (fallen.length) setFeed((lines) => [...lines, ...fallen].slice(-FEED_LINES));
      const own = client.play.unitId;
      if (own === null) return;
      const { entities } = snapshot;
      for (let i = 0; i < entities.count; i++) {
        if (entities.id[i] !== own) continue;
        const alive = (entities.flags[i] & FLAG_ALIVE) !== 0;
        if (alive !== ownAlive) setDiedAt(alive ? null : at);
        ownAlive = alive;
        break;
      }
    });
    return () => {
      stop();
      stopReset();
    };
  }, [client]);

  // A clock for the countdown and to drop old feed lines; runs only while either shows.
  const ticking = diedAt !== null || feed.length > 0;
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => {
      const t = performance.now();
      setNow(t);
      setFeed((lines) => {
        const kept = lines.filter((line) => t - line.at < FEED_MS);
        return kept.length === lines.length ? lines : kept;
      });
    }, 250);
    return () => clearInterval(timer);
  }, [ticking]);

  const ownId = client.play.unitId;
  const left =
    diedAt === null || respawnSeconds === null
      ? null
      : Math.max(0, Math.ceil(respawnSeconds - (now - diedAt) / 1000));
  return (
    <>
      {feed.length > 0 && (
        <ol className="kill-feed" data-testid="kill-feed" aria-live="polite">
          {feed.map((line) => (
            <li key={line.key}>
              <span style={{ color: teamCss(line.team) }}>{unitName(line, ownId, nameOf)}</span>{' '}
              {line.unitId === ownId ? 'were eliminated' : 'was eliminated'}
            </li>
          ))}
        </ol>
      )}
      {diedAt !== null && (
        <div className="death-banner" role="status" data-testid="death-banner">
          <strong>You were eliminated</strong>
          <span data-testid="respawn-countdown">
            {left === null
              ? 'Respawning soon…'
              : left > 0
                ? `Respawning in ${left} s`
                : 'Respawning…'}
          </span>
        </div>
      )}
      {!controlsSeen && ownId !== null && (
        <div
          className="controls-hint"
          role="dialog"
          aria-label="Controls"
          data-testid="controls-hint"
        >
          <strong>Controls</strong>
          <dl>
            <dt>W A S D</dt>
            <dd>move</dd>
            <dt>Mouse</dt>
            <dd>aim</dd>
            <dt>Click</dt>
            <dd>fire</dd>
            <dt>E</dt>
            <dd>pick up</dd>
          </dl>
          <p>Click the arena first so it takes the keys. Your unit has a white ring and “you”.</p>
          <button
            type="button"
            data-testid="controls-dismiss"
            onClick={() => {
              localStorage.setItem(CONTROLS_KEY, '1');
              setControlsSeen(true);
            }}
          >
            Got it
          </button>
        </div>
      )}
    </>
  );
}
