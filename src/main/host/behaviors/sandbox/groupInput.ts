/**
 * The bytes one behavior receives per tick: a group header (tick, clock,
 * agent count, the seed its Math.random is reseeded with) followed by its
 * agents' records, copied out of the tick's packed records. See
 * engine/behavior/packing.ts for the layout.
 */
import { GROUP_HEADER, LAYOUT_VERSION } from '../../../../../engine/behavior/index';

/** The match clock part of a group header. */
export interface GroupClock {
  tick: number;
  tickRate: number;
  /** -1 when the match has no time limit. */
  ticksLeft: number;
}

/**
 * Group input for `agents` agents whose records are `records[start ..
 * start + length)`, as a fresh ArrayBuffer of exactly its size.
 */
export function packGroupInput(
  records: Float64Array,
  start: number,
  length: number,
  agents: number,
  clock: GroupClock,
  seed: number,
): ArrayBuffer {
  const input = new Float64Array(GROUP_HEADER + length);
  input[0] = LAYOUT_VERSION;
  input[1] = clock.tick;
  input[2] = clock.tickRate;
  input[3] = clock.ticksLeft;
  input[4] = agents;
  input[5] = seed;
  input.set(records.subarray(start, start + length), GROUP_HEADER);
  return input.buffer;
}

/** 32-bit FNV-1a of a string: a stable number for a behavior id. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The Math.random seed of one behavior's batch: a mix of the match seed,
 * the tick and the behavior id's hash, so each batch's numbers depend on
 * nothing else (not on how many numbers earlier ticks drew, nor on a
 * sandbox restart).
 */
export function batchSeed(matchSeed: number, tick: number, behaviorHash: number): number {
  let h = (matchSeed ^ Math.imul(tick, 0x9e3779b1) ^ Math.imul(behaviorHash, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}
