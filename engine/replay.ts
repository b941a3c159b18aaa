import { applyCommand, type Command } from './commands';
import { addPlayer, removePlayer, setAgentCount, setBehavior } from './population';
import { stepWorld } from './step';
import { createWorld, type World, type WorldOptions } from './world';
import type { MapDef } from './map';

/**
 * Recording and replay. While a recording runs, every input that changes
 * the simulation from outside — commands, players joining and leaving, bot
 * count and behavior changes — is appended with the tick it happened at.
 * Replaying the log on a world created with the same map and options
 * reproduces the match exactly (same `stateHash`), because everything
 * else is decided by the seeded RNG in a fixed order.
 *
 * External behavior runners write intents directly; they must log their
 * decisions themselves (or be deterministic functions of the world).
 */
export type ReplayEntry =
  | { tick: number; op: 'command'; actor: number; command: Command }
  | { tick: number; op: 'addPlayer'; team: number }
  | { tick: number; op: 'removePlayer'; id: number }
  | { tick: number; op: 'setAgentCount'; count: number }
  | { tick: number; op: 'setBehavior'; id: number; behavior: number };

/** Entries in the order they happened (ticks non-decreasing). Plain data: structured-clone and JSON safe. */
export interface ReplayLog {
  entries: ReplayEntry[];
}

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
  }
}
