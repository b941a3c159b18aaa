/**
 * An opt-in trace of when the engine worker produced each tick, for the
 * `host.latency` bench: with ARBITER_TICK_TRACE=FILE set, every tick whose
 * snapshot is sent appends `tick epochMs` (epoch ms, sub-ms precision from
 * performance.timeOrigin) to FILE. Unset, it costs one branch per tick.
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
  return (tick) => {
    stream.write(`${tick} ${(performance.timeOrigin + performance.now()).toFixed(3)}\n`);
  };
}
