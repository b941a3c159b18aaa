/**
 * One QuickJS runtime per author: the unit that owns a memory limit, a
 * stack limit, a CPU bucket and an interrupt deadline. Every behavior
 * version of the author is a context inside it (separate realms: one
 * behavior's globals and frozen intrinsics are not another's), so an author
 * who fills memory hurts only their own behaviors.
 */
import { performance } from 'node:perf_hooks';
import type { QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { createCpuBucket, type CpuBucket, type CpuBudget } from './cpuBucket';

/** Resource limits of one author's runtime. */
export interface SandboxLimits {
  /** Heap limit of the author's runtime, bytes (default 16 MiB). */
  memoryBytes: number;
  /**
   * QuickJS stack limit, bytes (default 256 KiB). QuickJS recursion also
   * uses the host thread's native stack, several times as much as it
   * counts; the sandbox worker runs with a 16 MiB native stack so QuickJS
   * always stops first (measured: 512 KiB still stops first at 8 MiB).
   */
  stackBytes: number;
  /** Most a module's top-level code may run when loaded, ms. */
  compileMs: number;
  /** Most `migrate` may run for all agents of a hot-load together, ms. */
  migrateMs: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  memoryBytes: 16 * 1024 * 1024,
  stackBytes: 256 * 1024,
  compileMs: 250,
  migrateMs: 100,
};

/** What a deadline cut looks like from inside QuickJS. */
export const INTERRUPTED_MESSAGE = 'interrupted';

export class AuthorRuntime {
  readonly runtime: QuickJSRuntime;
  readonly bucket: CpuBucket;
  /** Contexts alive in this runtime; the owner disposes the runtime when it reaches 0. */
  contexts = 0;
  private deadline = Infinity;

  constructor(
    module: QuickJSWASMModule,
    readonly author: string,
    readonly limits: SandboxLimits,
    budget: CpuBudget,
  ) {
    this.runtime = module.newRuntime();
    this.runtime.setMemoryLimit(limits.memoryBytes);
    this.runtime.setMaxStackSize(limits.stackBytes);
    // QuickJS polls this every few thousand bytecodes and inside long regex matches.
    this.runtime.setInterruptHandler(() => performance.now() > this.deadline);
    this.bucket = createCpuBucket(budget);
  }

  /**
   * Runs `work` with guest code interrupted `ms` after now; returns its
   * result and the milliseconds it took. Built-ins that never poll (a
   * long native sort, allocation near the memory limit) can overrun: that
   * is the watchdog's case, one level up.
   */
  withDeadline<T>(ms: number, work: () => T): { value: T; elapsedMs: number } {
    const started = performance.now();
    this.deadline = started + ms;
    try {
      const value = work();
      return { value, elapsedMs: performance.now() - started };
    } finally {
      this.deadline = Infinity;
    }
  }

  dispose(): void {
    this.runtime.dispose();
  }
}
