/**
 * The engine worker's pulse, in memory both threads share: the worker
 * writes the wall-clock time of its newest tick; the host reads it when a
 * health probe asks, without a message that could queue behind other work
 * on either thread.
 *
 * Layout (Float64): [0] time of the newest tick, epoch ms; [1] the tick
 * period the worker promises, ms (0 while no match runs); [2] that tick.
 * A torn read of one slot can at worst mislead one probe; the next is right.
 */
export type EngineHeartbeat = Float64Array;

const LAST_TICK_AT = 0;
const PERIOD_MS = 1;
const TICK = 2;

export function createEngineHeartbeat(): EngineHeartbeat {
  return new Float64Array(new SharedArrayBuffer(3 * Float64Array.BYTES_PER_ELEMENT));
}

/** The worker's view of the same memory (passed as workerData). */
export function heartbeatOf(buffer: SharedArrayBuffer): EngineHeartbeat {
  return new Float64Array(buffer);
}

/** A match started: from now on a tick is due every `periodMs`. */
export function expectTicks(heartbeat: EngineHeartbeat, periodMs: number, nowMs: number): void {
  heartbeat[LAST_TICK_AT] = nowMs;
  heartbeat[PERIOD_MS] = periodMs;
}

/** No match: the worker owes no ticks. */
export function expectNoTicks(heartbeat: EngineHeartbeat): void {
  heartbeat[PERIOD_MS] = 0;
}

/** One tick done (wall clock, epoch ms). */
export function beat(heartbeat: EngineHeartbeat, tick: number, nowMs: number): void {
  heartbeat[LAST_TICK_AT] = nowMs;
  heartbeat[TICK] = tick;
}

export interface HeartbeatReading {
  /** 0 while no match runs. */
  periodMs: number;
  /** Since the newest tick, ms. */
  sinceTickMs: number;
  tick: number;
}

export function readHeartbeat(heartbeat: EngineHeartbeat, nowMs: number): HeartbeatReading {
  return {
    periodMs: heartbeat[PERIOD_MS],
    sinceTickMs: Math.max(0, nowMs - heartbeat[LAST_TICK_AT]),
    tick: heartbeat[TICK],
  };
}
