import type { Command } from './commandTypes';
import type { UnitState } from '../world/unitStateType';

/**
 * Recording and replay. While a recording runs, every input that changes
 * the simulation from outside — commands, players joining and leaving, bot
 * count and behavior changes — is appended with the tick it happened at.
 * Replaying the log on a world created with the same map and options
 * reproduces the match exactly (same `stateHash`), because everything
 * else is decided by the seeded RNG in a fixed order.
 *
 * External behavior runners write intents directly; they log each decision
 * they write with `recordIntent` (an `intent` entry), so a replay needs no
 * runner: it writes the recorded intents back.
 */
export type ReplayEntry =
  | { tick: number; op: 'command'; actor: number; command: Command }
  | { tick: number; op: 'addPlayer'; team: number }
  | { tick: number; op: 'removePlayer'; id: number }
  | { tick: number; op: 'setAgentCount'; count: number }
  | { tick: number; op: 'setBehavior'; id: number; behavior: number }
  /** A unit's intents as a behavior runner wrote them: moveX, moveY, aimX, aimY, flags, action, slot. */
  | { tick: number; op: 'intent'; id: number; v: number[] }
  /** A returning player's saved state put back on avatar `id`. */
  | { tick: number; op: 'importUnit'; id: number; state: UnitState };

/** Entries in the order they happened (ticks non-decreasing). Plain data: structured-clone and JSON safe. */
export interface ReplayLog {
  entries: ReplayEntry[];
}
