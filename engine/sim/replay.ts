import { applyCommand } from './commands';
import { addPlayer, removePlayer, setAgentCount, setBehavior } from '../world/population';
import { stepWorld } from './step';
import { importUnitState } from '../world/unitState';
import { unitIndexOf } from '../world/units';
import { createWorld } from '../world/createWorld';
import type { World, WorldOptions } from '../world/world';
import type { MapDef } from '../world/map';
import type { ReplayEntry, ReplayLog } from './replayLog';
export type { ReplayEntry, ReplayLog };

/**
 * Starts recording `world`'s inputs into a fresh log (replacing any
 * recording in progress) and returns it. Start right after `createWorld`
 * to be able to replay from the beginning.
 */
export function startRecording(world: World): ReplayLog {
  world.log = { entries: [] };
  return world.log;
}

/** Stops recording; returns the log, or null when none was running. */
export function stopRecording(world: World): ReplayLog | null {
  const log = world.log;
  world.log = null;
  return log;
}

/**
 * Creates a world from `map` and `options`, then runs `ticks` steps,
 * applying before step t every entry recorded at tick t and, after the
 * last step, those recorded at tick `ticks`. Returns the world, whose
 * `stateHash` equals the recorded world's at that tick. Throws RangeError
 * for entries out of tick order.
 */
/**
 * Logs the intents unit index `u` holds now (a behavior runner just wrote
 * them) when a recording runs, so a replay can write them back at the same
 * tick without the runner.
 */
export function recordIntent(world: World, u: number): void {
  const log = world.log;
  if (!log) return;
  const i = world.intent;
  log.entries.push({
    tick: world.tick,
    op: 'intent',
    id: world.id[u],
    v: [i.moveX[u], i.moveY[u], i.aimX[u], i.aimY[u], i.flags[u], i.action[u], i.slot[u]],
  });
}

/**
 * Applies one recorded entry to `world` (the tick is the caller's to
 * match). Exported for replayers that restore a checkpoint and run on
 * from it instead of from tick 0.
 */
export function applyReplayEntry(world: World, entry: ReplayEntry): void {
  applyEntry(world, entry);
}

export function replay(map: MapDef, options: WorldOptions, log: ReplayLog, ticks: number): World {
  const world = createWorld(map, options);
  const entries = log.entries;
  let next = 0;
  for (let t = 0; t <= ticks; t++) {
    while (next < entries.length && entries[next].tick <= t) {
      const entry = entries[next++];
      if (entry.tick < t) throw new RangeError(`replay log entry ${next - 1} is out of tick order`);
      applyEntry(world, entry);
    }
    if (t < ticks) stepWorld(world);
  }
  return world;
}

function applyEntry(world: World, entry: ReplayEntry): void {
  switch (entry.op) {
    case 'command':
      applyCommand(world, entry.actor, entry.command);
      break;
    case 'addPlayer':
      addPlayer(world, entry.team);
      break;
    case 'removePlayer':
      removePlayer(world, entry.id);
      break;
    case 'setAgentCount':
      setAgentCount(world, entry.count);
      break;
    case 'setBehavior':
      setBehavior(world, entry.id, entry.behavior);
      break;
    case 'intent': {
      const u = unitIndexOf(world, entry.id);
      if (u < 0) break;
      const i = world.intent;
      const v = entry.v;
      i.moveX[u] = v[0];
      i.moveY[u] = v[1];
      i.aimX[u] = v[2];
      i.aimY[u] = v[3];
      i.flags[u] = v[4];
      i.action[u] = v[5];
      i.slot[u] = v[6];
      break;
    }
    case 'importUnit':
      importUnitState(world, entry.id, entry.state);
      break;
  }
}
