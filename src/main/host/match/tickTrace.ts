/**
 * An opt-in trace of when the engine worker produced each tick, for the
 * `host.latency` bench: with ARBITER_TICK_TRACE=FILE set, every tick whose
 * snapshot is sent appends `tick epochMs` to FILE: epoch ms at sub-ms
 * precision, performance.now() anchored to the wall clock (the time origins
 * of separate processes and threads disagree by up to a few ms). Unset, it
 * costs one branch per tick.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Environment variable naming the trace file. */
export const TICK_TRACE_ENV = 'ARBITER_TICK_TRACE';

export type TickTrace = (tick: number) => void;

/** The trace the environment asks for, or a no-op. */
export function tickTraceFromEnv(env: NodeJS.ProcessEnv = process.env): TickTrace {
  const path = env[TICK_TRACE_ENV];
  if (!path) return () => {};
  // Buffered and asynchronous: the tick loop never waits on the disk.
  const stream: WriteStream = createWriteStream(path, { flags: 'a' });
  const anchor = wallClockAnchor();
  return (tick) => {
    stream.write(`${tick} ${(anchor + performance.now()).toFixed(3)}\n`);
  };
}

/**
 * Date.now() − performance.now(), averaged over 5 ms of samples: Date.now()
 * truncates to the ms, so over many ms boundaries it is half a ms behind on
 * average. Self-contained: the bench runs its source in the page too.
 */
export function wallClockAnchor(): number {
  let sum = 0;
  let samples = 0;
  const end = performance.now() + 5;
  while (performance.now() < end) {
    sum += Date.now() + 0.5 - performance.now();
    samples++;
  }
  return sum / samples;
}
