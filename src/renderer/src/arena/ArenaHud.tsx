import { useEffect, useState } from 'react';
import { FLAG_ALIVE } from '../../../../engine/index';
import { teamCss } from '../game/teamColors';
import type { PlayerClient } from '../net/playerClient';
import { feedWords } from './killFeed';
import type { ClientHud } from './useClientHud';

const CONTROLS_KEY = 'arbiter.controlsSeen';

export interface ArenaHudProps {
  client: PlayerClient;
  /** Seconds from death to respawn, when this view knows the config (the host); null: unknown. */
  respawnSeconds: number | null;
  /** Names and the kill feed (useClientHud). */
  hud: ClientHud;
}

/** A unit's name in its team's colour. */
function Who({ name, team }: { name: string; team: number }) {
  return <span style={{ color: teamCss(team) }}>{name}</span>;
}

/**
 * What a player reads over the arena: the kill feed, their own death with
 * the respawn countdown, and the controls on first play (dismissed once,
 * remembered in this browser).
 */
export function ArenaHud({ client, respawnSeconds, hud }: ArenaHudProps) {
  const [diedAt, setDiedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => performance.now());
  const [controlsSeen, setControlsSeen] = useState(
    () => localStorage.getItem(CONTROLS_KEY) === '1',
  );

  useEffect(() => {
    let ownAlive: boolean | null = null;
    const stopReset = client.onReset(() => {
      ownAlive = null;
      setDiedAt(null);
    });
    const stop = client.onSnapshot((snapshot) => {
      const own = client.play.unitId;
      if (own === null) return;
      const { entities } = snapshot;
      for (let i = 0; i < entities.count; i++) {
        if (entities.id[i] !== own) continue;
        const alive = (entities.flags[i] & FLAG_ALIVE) !== 0;
        if (alive !== ownAlive) setDiedAt(alive ? null : performance.now());
        ownAlive = alive;
        break;
      }
    });
    return () => {
      stop();
      stopReset();
    };
  }, [client]);

  // A clock for the countdown; runs only while it shows.
  const dead = diedAt !== null;
  useEffect(() => {
    if (!dead) return;
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, [dead]);

  const ownId = client.play.unitId;
  const { feed, nameOf } = hud;
  const left =
    diedAt === null || respawnSeconds === null
      ? null
      : Math.max(0, Math.ceil(respawnSeconds - (now - diedAt) / 1000));
  // Who got the kill: the host reports it a moment after the snapshot shows the death.
  const death =
    diedAt === null
      ? undefined
      : [...feed]
          .reverse()
          // Not an earlier death's line still in the feed.
          .find((line) => line.victim === ownId && line.killer !== null && line.at >= diedAt - 500);
  const killer = death ? feedWords(death, ownId, nameOf).killer : null;
  return (
    <>
      {feed.length > 0 && (
        <ol className="kill-feed" data-testid="kill-feed" aria-live="polite">
          {feed.map((line) => {
            const words = feedWords(line, ownId, nameOf);
            return (
              <li key={line.key}>
                {words.killer === null || line.killerTeam === null ? (
                  <>
                    <Who name={words.victim} team={line.victimTeam} /> {words.verb}
                  </>
                ) : (
                  <>
                    <Who name={words.killer} team={line.killerTeam} /> {words.verb}{' '}
                    <Who name={words.victim} team={line.victimTeam} />
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {diedAt !== null && (
        <div className="death-banner" role="status" data-testid="death-banner">
          <strong>{killer === null ? 'You were eliminated' : `${killer} eliminated you`}</strong>
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
