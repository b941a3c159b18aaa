/**
 * Fixed-timestep accumulator (the Quake III model: the caller passes the
 * time in; the engine never reads a clock). The host calls
 * `advanceFixedStep` with its clock and runs `stepWorld` that many times.
 */

/** Lowest accepted simulation rate, ticks per second. */
export const MIN_TICK_RATE = 10;
/** Highest accepted simulation rate, ticks per second. */
export const MAX_TICK_RATE = 60;
/** Ticks run at most per `advanceFixedStep` call unless the caller says otherwise. */
export const DEFAULT_MAX_CATCH_UP_TICKS = 5;

/**
 * Loop state. `stepMs` is `1000 / tickRate`; `accumulatorMs` is time owed
 * but not yet simulated (always below one step after an advance);
 * `lastTimeMs` is the caller's clock at the last advance (NaN before the
 * first); `droppedTicks` counts ticks skipped by the catch-up clamp.
 */
export interface FixedStep {
  tickRate: number;
  stepMs: number;
  accumulatorMs: number;
  lastTimeMs: number;
  maxCatchUpTicks: number;
  droppedTicks: number;
}

/** Throws RangeError unless `tickRate` is an integer in [MIN_TICK_RATE, MAX_TICK_RATE]. */
export function assertTickRate(tickRate: number): void {
  if (!Number.isInteger(tickRate) || tickRate < MIN_TICK_RATE || tickRate > MAX_TICK_RATE) {
    throw new RangeError(
      `tickRate must be an integer from ${MIN_TICK_RATE} to ${MAX_TICK_RATE} ticks per second, got ${tickRate}`,
    );
  }
}

/**
 * A loop at `tickRate` ticks per second (integer 10..60, else RangeError).
 * `maxCatchUpTicks` (default 5, integer >= 1) bounds the ticks one advance may ask for.
 */
export function createFixedStep(
  tickRate: number,
  options: { maxCatchUpTicks?: number } = {},
): FixedStep {
  assertTickRate(tickRate);
  const maxCatchUpTicks = options.maxCatchUpTicks ?? DEFAULT_MAX_CATCH_UP_TICKS;
  if (!Number.isInteger(maxCatchUpTicks) || maxCatchUpTicks < 1) {
    throw new RangeError(`maxCatchUpTicks must be an integer >= 1, got ${maxCatchUpTicks}`);
  }
  return {
    tickRate,
    stepMs: 1000 / tickRate,
    accumulatorMs: 0,
    lastTimeMs: Number.NaN,
    maxCatchUpTicks,
    droppedTicks: 0,
  };
}

/**
 * Feeds the caller's clock (`nowMs`, monotonic milliseconds) and returns how
 * many ticks to run now. The first call only records the time and returns 0.
 * A clock that goes backwards counts as no time passing. When more than
 * `maxCatchUpTicks` are due (a stall, a debugger pause), it returns
 * `maxCatchUpTicks`, adds the rest to `droppedTicks` and forgets that time,
 * so the simulation falls behind wall time instead of spiralling.
 */
export function advanceFixedStep(loop: FixedStep, nowMs: number): number {
  if (Number.isNaN(loop.lastTimeMs)) {
    loop.lastTimeMs = nowMs;
    return 0;
  }
  const elapsed = nowMs - loop.lastTimeMs;
  loop.lastTimeMs = nowMs;
  if (elapsed > 0) loop.accumulatorMs += elapsed;
  // Count in ticks rather than dividing by stepMs: 1000 / 60 is inexact, and
  // 1000 ms at 60 Hz must still be 60 ticks.
  const due = Math.floor((loop.accumulatorMs * loop.tickRate) / 1000 + 1e-9);
  if (due <= 0) return 0;
  loop.accumulatorMs = Math.max(0, loop.accumulatorMs - (due * 1000) / loop.tickRate);
  if (due > loop.maxCatchUpTicks) {
    loop.droppedTicks += due - loop.maxCatchUpTicks;
    return loop.maxCatchUpTicks;
  }
  return due;
}

/**
 * Milliseconds from `nowMs` until the next tick is due (0 when one is due
 * already or the loop has not started). Use it to schedule the next wake-up.
 */
export function msUntilNextTick(loop: FixedStep, nowMs: number): number {
  if (Number.isNaN(loop.lastTimeMs)) return 0;
  const pending = loop.accumulatorMs + Math.max(0, nowMs - loop.lastTimeMs);
  return Math.max(0, loop.stepMs - pending);
}

/**
 * Changes the rate (integer 10..60, else RangeError). The time owed keeps
 * its phase: a loop halfway to its next tick stays halfway at the new rate.
 */
export function setTickRate(loop: FixedStep, tickRate: number): void {
  assertTickRate(tickRate);
  const stepMs = 1000 / tickRate;
  loop.accumulatorMs = (loop.accumulatorMs / loop.stepMs) * stepMs;
  loop.tickRate = tickRate;
  loop.stepMs = stepMs;
}
