import type { WorldFrame } from '../../../shared/hostApi';
import { FLAG_ALIVE, type DecodedSnapshot } from '../../../../engine/index';

/** A decoded snapshot in the shape the arena view draws. */
export function snapshotToFrame(
  snapshot: DecodedSnapshot,
  tickRate: number,
  radius: number,
): WorldFrame {
  const { entities } = snapshot;
  const n = entities.count;
  const frame: WorldFrame = {
    tick: snapshot.tick,
    timeMs: (snapshot.tick * 1000) / tickRate,
    ids: new Array(n),
    kinds: new Array(n),
    teams: new Array(n),
    xy: new Array(n * 2),
    aim: new Array(n),
    hp: new Array(n),
    alive: new Array(n),
    radius,
  };
  for (let i = 0; i < n; i++) {
    frame.ids[i] = entities.id[i];
    frame.kinds[i] = Math.min(3, entities.kind[i]);
    frame.teams[i] = entities.team[i];
    frame.xy[2 * i] = entities.x[i];
    frame.xy[2 * i + 1] = entities.y[i];
    frame.aim[i] = entities.angle[i];
    frame.hp[i] = Math.round(Math.min(1, Math.max(0, entities.hp[i])) * 100);
    frame.alive[i] = entities.flags[i] & FLAG_ALIVE ? 1 : 0;
  }
  return frame;
}
