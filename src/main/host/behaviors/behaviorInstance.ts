/**
 * One compiled behavior version: a QuickJS context in its author's runtime
 * holding the prelude (guestPrelude.ts) and the behavior module. It runs a
 * packed group per call and hands memory out and in for hot-load. Every
 * guest call runs under a deadline.
 */
import {
  DefaultIntrinsics,
  type QuickJSContext,
  type QuickJSHandle,
} from 'quickjs-emscripten-core';
import { ACTION_STRIDE } from '../../../../engine/behavior/index';
import type { AuthorRuntime } from './authorRuntime';
import { INTERRUPTED_MESSAGE } from './authorRuntime';
import {
  locateGuestError,
  sandboxError,
  type BehaviorError,
  type BehaviorErrorPhase,
  type RawGuestError,
} from './behaviorError';
import { mentionedNames } from './guestDecode';
import { PRELUDE_FILENAME, guestPrelude } from './guestPrelude';

/** What one batch call produced. */
export interface RunOutcome {
  /** False when the call as a whole failed (deadline, memory, a prelude fault): `fatal` says why. */
  ok: boolean;
  fatal?: BehaviorError;
  /** Errors thrown for single agents (at most a few kept), and how many there were. */
  errors: BehaviorError[];
  errorCount: number;
  /** Agents whose memory broke the size limit and was reset. */
  memoryResets: number;
  /** console.* lines since the last report. */
  log: string[];
  elapsedMs: number;
}

/** Memory carried over by a hot-load. */
export interface MemoryImport {
  kept: number;
  dropped: number;
  errors: BehaviorError[];
}

export type CompileResult =
  { ok: true; instance: BehaviorInstance } | { ok: false; error: BehaviorError };

/** Most pending promise jobs run after a batch (a behavior's stray async work). */
const MAX_PENDING_JOBS = 256;
/** Deadline for reading the prelude's error report after a failed batch, ms. */
const REPORT_MS = 20;

/**
 * Compiles `code` (JavaScript; the behavior module) as `filename` in a new
 * context of `runtime`: prelude first, then the module (its top level under
 * the compile deadline), then `install` checks the exports.
 */
export function compileBehavior(
  runtime: AuthorRuntime,
  code: string,
  filename: string,
  itemIds: readonly string[],
): CompileResult {
  const context = runtime.runtime.newContext({
    intrinsics: { ...DefaultIntrinsics, Date: false },
  });
  runtime.contexts++;
  const instance = new BehaviorInstance(runtime, context, filename);
  const error = instance.load(code, itemIds);
  if (error) {
    instance.dispose();
    return { ok: false, error };
  }
  return { ok: true, instance };
}

export class BehaviorInstance {
  private hook: QuickJSHandle | null = null;
  private runFn: QuickJSHandle | null = null;
  private disposed = false;

  constructor(
    readonly runtime: AuthorRuntime,
    private readonly context: QuickJSContext,
    readonly filename: string,
  ) {}

  /** Evaluates prelude and module; returns the first error, or null. */
  load(code: string, itemIds: readonly string[]): BehaviorError | null {
    const ctx = this.context;
    const { value: prelude } = this.runtime.withDeadline(this.runtime.limits.compileMs, () =>
      ctx.evalCode(guestPrelude(mentionedNames(code)), PRELUDE_FILENAME, {
        type: 'global',
        strict: true,
      }),
    );
    if (prelude.error) return this.takeError(prelude.error, 'compile');
    this.hook = prelude.value;
    this.runFn = ctx.getProp(this.hook, 'run');
    const { value: module } = this.runtime.withDeadline(this.runtime.limits.compileMs, () =>
      ctx.evalCode(code, this.filename, { type: 'module' }),
    );
    if (module.error) return this.takeError(module.error, 'compile');
    const state = ctx.getPromiseState(module.value);
    if (!('notAPromise' in state && state.notAPromise)) {
      module.value.dispose();
      return sandboxError('compile', 'SyntaxError', 'top-level await is not supported');
    }
    const ids = ctx.newString(JSON.stringify(itemIds));
    const { value: installed } = this.runtime.withDeadline(this.runtime.limits.compileMs, () =>
      ctx.callMethod(this.hook as QuickJSHandle, 'install', [module.value, ids]),
    );
    ids.dispose();
    module.value.dispose();
    if (installed.error) return this.takeError(installed.error, 'install');
    const problem = ctx.getString(installed.value);
    installed.value.dispose();
    return problem ? sandboxError('install', 'TypeError', problem) : null;
  }

  /**
   * Runs one packed group (`input`: group header and records, exactly its
   * bytes) for `agents` agents under a deadline of `deadlineMs`, writing
   * ACTION_STRIDE doubles per agent into `out` from `outOffset`. On a fatal
   * failure the agents not reached keep status "skipped".
   */
  run(
    input: ArrayBuffer,
    agents: number,
    out: Float64Array,
    outOffset: number,
    deadlineMs: number,
  ): RunOutcome {
    const ctx = this.context;
    const outcome: RunOutcome = {
      ok: true,
      errors: [],
      errorCount: 0,
      memoryResets: 0,
      log: [],
      elapsedMs: 0,
    };
    const { elapsedMs } = this.runtime.withDeadline(deadlineMs, () => {
      const buffer = ctx.newArrayBuffer(input);
      const result = ctx.callFunction(
        this.runFn as QuickJSHandle,
        this.hook as QuickJSHandle,
        buffer,
      );
      buffer.dispose();
      if (result.error) {
        outcome.ok = false;
        outcome.fatal = this.takeError(result.error, 'run');
        return;
      }
      const view = ctx.getArrayBuffer(result.value);
      result.value.dispose();
      const doubles = agents * ACTION_STRIDE;
      const actions = new Float64Array(view.value.slice(0, (doubles + 3) * 8).buffer);
      view.dispose();
      out.set(actions.subarray(0, doubles), outOffset);
      if (actions[doubles] > 0 || actions[doubles + 1] > 0 || actions[doubles + 2] > 0) {
        this.readReport(outcome);
      }
      this.drainJobs();
    });
    outcome.elapsedMs = elapsedMs;
    // The agents that threw before a fatal cut are often the better explanation (a stack overflow
    // per agent that made the batch overrun); the prelude kept them. A short deadline of its own.
    if (!outcome.ok) this.runtime.withDeadline(REPORT_MS, () => this.readReport(outcome));
    return outcome;
  }

  /** Every agent's memory as JSON (entries over the size limit or not serialisable left out). */
  exportMemory(): string {
    const { value: result } = this.runtime.withDeadline(this.runtime.limits.migrateMs, () =>
      this.context.callMethod(this.hook as QuickJSHandle, 'exportMemory'),
    );
    if (result.error) {
      result.error.dispose();
      return '{"ids":[],"values":[]}';
    }
    const json = this.context.getString(result.value);
    result.value.dispose();
    return json;
  }

  /** Takes memory exported by the previous version, through this version's `migrate` if it has one. */
  importMemory(json: string, fromVersion: number, tick: number): MemoryImport {
    const ctx = this.context;
    const args = [ctx.newString(json), ctx.newNumber(fromVersion), ctx.newNumber(tick)];
    const { value: result } = this.runtime.withDeadline(this.runtime.limits.migrateMs, () =>
      ctx.callMethod(this.hook as QuickJSHandle, 'importMemory', args),
    );
    for (const arg of args) arg.dispose();
    if (result.error) {
      return { kept: 0, dropped: -1, errors: [this.takeError(result.error, 'migrate')] };
    }
    const report = JSON.parse(ctx.getString(result.value)) as {
      kept: number;
      dropped: number;
      errors: RawGuestError[];
    };
    result.value.dispose();
    return {
      kept: report.kept,
      dropped: report.dropped,
      errors: report.errors.map((raw) => locateGuestError(raw, this.filename, 'migrate')),
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.runFn?.dispose();
    this.hook?.dispose();
    this.context.dispose();
    this.runtime.contexts--;
  }

  private readReport(outcome: RunOutcome): void {
    const result = this.context.callMethod(this.hook as QuickJSHandle, 'report');
    if (result.error) {
      result.error.dispose();
      return;
    }
    const report = JSON.parse(this.context.getString(result.value)) as {
      errors: RawGuestError[];
      errorCount: number;
      memoryResets: number;
      log: string[];
    };
    result.value.dispose();
    outcome.errors = report.errors.map((raw) => locateGuestError(raw, this.filename, 'run'));
    outcome.errorCount = report.errorCount;
    outcome.memoryResets = report.memoryResets;
    outcome.log = report.log;
  }

  private drainJobs(): void {
    const runtime = this.runtime.runtime;
    if (!runtime.hasPendingJob()) return;
    const jobs = runtime.executePendingJobs(MAX_PENDING_JOBS);
    if (jobs.error) jobs.error.dispose();
  }

  /** Dumps and disposes an error handle as a located BehaviorError. */
  private takeError(handle: QuickJSHandle, phase: BehaviorErrorPhase): BehaviorError {
    let raw: RawGuestError;
    try {
      const dumped = this.context.dump(handle) as Partial<RawGuestError> | string | null;
      raw =
        dumped !== null && typeof dumped === 'object'
          ? {
              name: String(dumped.name ?? 'Error'),
              message: String(dumped.message ?? ''),
              stack: typeof dumped.stack === 'string' ? dumped.stack : '',
            }
          : { name: 'Error', message: `thrown value: ${String(dumped)}`, stack: '' };
    } finally {
      handle.dispose();
    }
    const error = locateGuestError(raw, this.filename, phase);
    if (raw.name === 'InternalError' && raw.message === INTERRUPTED_MESSAGE) {
      error.message = 'CPU deadline exceeded (interrupted)';
    }
    return error;
  }
}
