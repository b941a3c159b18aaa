/**
 * One author's sandbox: a QuickJS wasm instance of its own (cappedQuickJs.ts)
 * with one runtime in it, the unit that owns a memory cap, a stack limit, a
 * CPU bucket and an interrupt deadline. Every behavior version of the
 * author is a context inside it (separate realms: one behavior's globals
 * and frozen intrinsics are not another's). An author who fills memory or
 * breaks the instance ends only this instance: the owner drops it whole and
 * the author's behaviors are suspended; every other author's memory is in
 * another instance, untouched.
 */
import { performance } from 'node:perf_hooks';
import type { QuickJSRuntime } from 'quickjs-emscripten-core';
import { newCappedQuickJs, type CappedQuickJs } from './cappedQuickJs';
import { createCpuBucket, type CpuBucket, type CpuBudget } from './cpuBucket';

/** Resource limits of one author's runtime. */
export interface SandboxLimits {
  /**
   * Hard cap on the author's wasm memory, bytes (default 64 MiB, at least
   * 16 MiB: the instance's initial memory). Reaching it ends the author's
   * instance: "memory limit exceeded".
   */
  memoryBytes: number;
  /**
   * QuickJS stack limit, bytes (default 256 KiB). QuickJS recursion also
   * uses the host thread's native stack, several times as much as it
   * counts; the sandbox worker runs with a 16 MiB native stack so QuickJS
   * always stops first (measured: 512 KiB still stops first at 8 MiB).
   */
  stackBytes: number;
  /** Most a module's top-level code (and the promise jobs it queued) may run when loaded, ms. */
  compileMs: number;
  /** Most `migrate` may run for all agents of a hot-load together, ms. */
  migrateMs: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 256 * 1024,
  compileMs: 250,
  migrateMs: 100,
};

/** What a deadline cut looks like from inside QuickJS. */
export const INTERRUPTED_MESSAGE = 'interrupted';

/** Why an author's instance was ended (the whole instance was dropped). */
export interface InstanceEnd {
  name: 'MemoryLimit' | 'SandboxFault';
  message: string;
}

/** "memory limit exceeded (64 MiB)": what the author is told. */
export function memoryLimitMessage(capBytes: number): string {
  return `memory limit exceeded (${Math.round(capBytes / 1048576)} MiB)`;
}

export class AuthorRuntime {
  readonly runtime: QuickJSRuntime;
  readonly bucket: CpuBucket;
  /** Contexts alive in this runtime; the owner disposes the runtime when it reaches 0. */
  contexts = 0;
  /** Set once the instance is unusable (cap reached, wasm trap); nothing may call into it again. */
  ended: InstanceEnd | null = null;
  /** The interrupt handler stopped guest code during the current or last `withDeadline`. */
  interrupted = false;
  private deadline = Infinity;

  /** A new instance for `author` (a few ms: a wasm instantiation). */
  static async create(
    author: string,
    limits: SandboxLimits,
    budget: CpuBudget,
  ): Promise<AuthorRuntime> {
    return new AuthorRuntime(await newCappedQuickJs(limits.memoryBytes), author, limits, budget);
  }

  constructor(
    readonly instance: CappedQuickJs,
    readonly author: string,
    readonly limits: SandboxLimits,
    budget: CpuBudget,
  ) {
    this.runtime = instance.module.newRuntime();
    // A single allocation past the cap fails cleanly here, before the wasm memory has to grow.
    this.runtime.setMemoryLimit(instance.capBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    // QuickJS polls this every few thousand bytecodes and inside long regex matches. Past the
    // cap the instance is ending anyway: stop its guest at once rather than let every agent fail
    // its way up to the cap again.
    this.runtime.setInterruptHandler(() => {
      if (instance.capHit) return true;
      if (performance.now() <= this.deadline) return false;
      this.interrupted = true;
      return true;
    });
    this.bucket = createCpuBucket(budget);
  }

  /** Bytes of wasm memory the instance holds now (it only grows, up to the cap). */
  get memoryBytes(): number {
    return this.ended ? 0 : this.instance.memory.buffer.byteLength;
  }

  /**
   * Runs `work` with guest code interrupted `ms` after now; returns its
   * result and the milliseconds it took. A wasm trap inside (`work`
   * throws) or a refused memory growth ends the instance: `ended` says
   * why and `value` is `fallback`. Built-ins that never poll (a long
   * native sort) can overrun: that is the watchdog's case, one level up.
   */
  withDeadline<T>(ms: number, work: () => T, fallback: T): { value: T; elapsedMs: number } {
    const started = performance.now();
    this.deadline = started + ms;
    this.interrupted = false;
    let value = fallback;
    try {
      if (!this.ended) value = work();
    } catch (error) {
      // QuickJS has paths that fault rather than throw when malloc fails; at the cap that is
      // the cap's doing, and the author is told so.
      if (this.nearCap) this.end('MemoryLimit', memoryLimitMessage(this.instance.capBytes));
      else this.end('SandboxFault', `the sandbox instance failed: ${String(error).slice(0, 200)}`);
    } finally {
      this.deadline = Infinity;
    }
    if (this.instance.capHit) this.end('MemoryLimit', memoryLimitMessage(this.instance.capBytes));
    return { value: this.ended ? fallback : value, elapsedMs: performance.now() - started };
  }

  /** The allocator was refused growth, or one more growth step (about 1/8) would pass the cap. */
  private get nearCap(): boolean {
    const { capHit, capBytes, memory } = this.instance;
    return capHit || memory.buffer.byteLength > capBytes - capBytes / 8;
  }

  /** Marks the instance unusable (the first reason wins). */
  end(name: InstanceEnd['name'], message: string): void {
    this.ended ??= { name, message };
  }

  dispose(): void {
    // An ended instance may be inconsistent: calling into it could trap again. Dropping every
    // reference returns its memory (the wasm Memory is freed with the instance).
    if (this.ended) return;
    try {
      this.runtime.dispose();
    } catch {
      // A leak check or a broken instance: the instance goes with its last reference anyway.
    }
  }
}
