/**
 * Maps the local clock (performance.now(), ms) onto simulation time (a
 * frame's timeMs) so the view can draw a moment the host has already sent.
 *
 * offset ≈ localNow - simTime for the least-delayed frame seen: it drops at
 * once when a frame arrives earlier than expected (we learn the true lower
 * bound of the delay) and rises only slowly when frames arrive later, so
 * network jitter does not shake the picture but a simulation that runs
 * slower than real time, or a link that got slower, is followed within a
 * few seconds.
 */
export interface SimClock {
  /** localNow - simTime, in ms; NaN until the first frame. */
  offsetMs: number;
  /** timeMs of the newest frame observed. */
  newestSimMs: number;
}

/** How far behind the newest data the view draws, in ms: room for two 20 Hz frames of jitter. */
export const INTERPOLATION_DELAY_MS = 100;

/**
 * Fraction of the gap closed per frame when frames arrive later than the
 * offset predicts. A simulation 5 % slower than real time at 20 Hz then
 * lags by 2.5 ms / 0.05 = 50 ms, inside the interpolation delay.
 */
const RISE_RATE = 0.05;

/** A jump larger than this (ms) is a new match or a long stall, not jitter: resync at once. */
const RESYNC_THRESHOLD_MS = 1000;

export function createSimClock(): SimClock {
  return { offsetMs: Number.NaN, newestSimMs: Number.NaN };
}

/**
 * Feeds one frame's arrival into the clock.
 * @returns true when the clock resynced (first frame, simulation time went
 *   backwards as when a match restarts, or a jump past jitter): frames
 *   buffered before it no longer line up with the new offset.
 */
export function observeFrame(clock: SimClock, simTimeMs: number, localNowMs: number): boolean {
  const sample = localNowMs - simTimeMs;
  const resync =
    Number.isNaN(clock.offsetMs) ||
    simTimeMs < clock.newestSimMs ||
    Math.abs(sample - clock.offsetMs) > RESYNC_THRESHOLD_MS;
  if (resync || sample < clock.offsetMs) clock.offsetMs = sample;
  else clock.offsetMs += (sample - clock.offsetMs) * RISE_RATE;
  clock.newestSimMs = resync ? simTimeMs : Math.max(clock.newestSimMs, simTimeMs);
  return resync;
}

/** Simulation time (ms) to draw at local time localNowMs; NaN before the first frame. */
export function renderTimeAt(
  clock: SimClock,
  localNowMs: number,
  delayMs = INTERPOLATION_DELAY_MS,
): number {
  return localNowMs - clock.offsetMs - delayMs;
}
