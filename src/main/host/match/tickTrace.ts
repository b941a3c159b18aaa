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

/** Environment variable naming the tick timings file (the `net.load` bench). */
export const TICK_TIMINGS_ENV = 'ARBITER_TICK_TIMINGS';

/**
 * One engine run's timings: the tick it reached, how many ticks it stepped
 * (more than 1 when it caught up), and ms for the whole of it (inputs,
 * step, encode, posts), the steps (inputs applied and stepped) and the
 * encoding (view and snapshots, not the posts).
 */
export interface TickTimings {
  run(tick: number, ticks: number, wholeMs: number, stepMs: number, encodeMs: number): void;
  /**
   * A friend's input acknowledged: ms from the worker taking it in to its
   * snapshot's post (kept, written with the next `run`).
   */
  ack(ms: number): void;
}

/**
 * With ARBITER_TICK_TIMINGS=FILE, appends to FILE `epochMs tick ticks
 * wholeMs stepMs encodeMs` per run of the engine loop, then `epochMs ack
 * ms ms …` for the inputs it acknowledged (timed by the worker); one write
 * per run, after the run's timings were taken. Epoch ms anchored as in
 * `tickTraceFromEnv`, when written. Unset, no-ops.
 */
export function tickTimingsFromEnv(env: NodeJS.ProcessEnv = process.env): TickTimings {
  const path = env[TICK_TIMINGS_ENV];
  if (!path) return { run: () => {}, ack: () => {} };
  const stream: WriteStream = createWriteStream(path, { flags: 'a' });
  const anchor = wallClockAnchor();
  const acks: number[] = [];
  return {
    run(tick, ticks, wholeMs, stepMs, encodeMs) {
      const at = (anchor + performance.now()).toFixed(3);
      let text = `${at} ${tick} ${ticks} ${wholeMs.toFixed(3)} ${stepMs.toFixed(3)} ${encodeMs.toFixed(3)}\n`;
      if (acks.length > 0) text += `${at} ack ${acks.map((ms) => ms.toFixed(3)).join(' ')}\n`;
      acks.length = 0;
      stream.write(text);
    },
    ack(ms) {
      acks.push(ms);
    },
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
