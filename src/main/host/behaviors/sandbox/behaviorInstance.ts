/**
 * One compiled behavior version: a QuickJS context in its author's runtime
 * holding the prelude (guestPrelude.ts) and the behavior module. It runs a
 * packed group per call and hands memory out and in for hot-load. Every
 * guest call runs under a deadline.
 */
import { performance } from 'node:perf_hooks';
import {
  DefaultIntrinsics,
  type QuickJSContext,
  type QuickJSHandle,
} from 'quickjs-emscripten-core';
import { ACTION_STRIDE } from '../../../../../engine/behavior/index';
import type { AuthorRuntime } from './authorRuntime';
import {
  UNREADABLE_THROWN,
  locateGuestError,
  sandboxError,
  type BehaviorError,
  type BehaviorErrorPhase,
  type RawGuestError,
} from './behaviorError';
import { mentionedNames } from './guestDecode';
import { LOG_LINE_CHARS, PRELUDE_FILENAME, guestPrelude } from './guestPrelude';
import { CONSOLE_LEVELS, type ConsoleLevel } from '../../../../shared/consoleApi';

/**
 * A line of the prelude's report, checked again on this side (the report is
 * the prelude's JSON, but the prelude shares its realm with the behavior).
 */
function readLogLine(raw: unknown): GuestLogLine {
  const line = (raw ?? {}) as { a?: unknown; l?: unknown; t?: unknown };
  const agent = typeof line.a === 'number' && line.a >= 0 ? Math.floor(line.a) : null;
  const level = CONSOLE_LEVELS.find((l) => l === line.l) ?? 'log';
  const text = typeof line.t === 'string' ? line.t : '';
  return {
    agentId: agent,
    level,
    text: text.length > LOG_LINE_CHARS ? `${text.slice(0, LOG_LINE_CHARS - 1)}…` : text,
  };
}

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
  /** console.* lines since the last report (already bounded by the guest), and the lines it dropped. */
  log: GuestLogLine[];
  logDropped: number;
  elapsedMs: number;
}

/** One console line as the guest reports it: the agent (null outside an agent's call), level, text. */
export interface GuestLogLine {
  agentId: number | null;
  level: ConsoleLevel;
  text: string;
}

/** Memory carried over by a hot-load. */
export interface MemoryImport {
  kept: number;
  dropped: number;
  errors: BehaviorError[];
}

export type CompileResult =
  { ok: true; instance: BehaviorInstance } | { ok: false; error: BehaviorError };

/** Deadline of the prelude's own evaluation, ms (a hang-catcher: it is the host's code). */
const PRELUDE_MS = 5_000;
/** Deadline for reading a thrown value or the prelude's error report after a call, ms. */
const REPORT_MS = 20;

/** An instance's end as the error its behaviors report. */
function endedError(runtime: AuthorRuntime, phase: BehaviorErrorPhase): BehaviorError {
  const ended = runtime.ended ?? { name: 'SandboxFault', message: 'the sandbox instance ended' };
  return sandboxError(phase, ended.name, ended.message);
}

/**
 * Compiles `code` (JavaScript; the behavior module) as `filename` in a new
 * context of `runtime`: prelude first, then the module (its top level and
 * the promise jobs it queued under the compile deadline), then `install`
 * checks the exports.
 */
export function compileBehavior(
  runtime: AuthorRuntime,
  code: string,
  filename: string,
  itemIds: readonly string[],
): CompileResult {
  const { value: context } = runtime.withDeadline(
    runtime.limits.compileMs,
    () => runtime.runtime.newContext({ intrinsics: { ...DefaultIntrinsics, Date: false } }),
    null,
  );
  if (!context) return { ok: false, error: endedError(runtime, 'compile') };
  runtime.contexts++;
  const instance = new BehaviorInstance(runtime, context, filename);
  const error = instance.load(code, itemIds);
  if (error) {
    instance.dispose();
    return { ok: false, error };
  }
  return { ok: true, instance };
}

/** What the batch call hands back before its errors are read. */
interface CallResult {
  error: QuickJSHandle | null;
  /** Errors, memory resets and log lines the prelude counted (0s when the call failed). */
  flagged: boolean;
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
    const rt = this.runtime;
    const ms = rt.limits.compileMs;
    // The prelude is ours: its deadline is a hang-catcher, not the modder's compile budget (a busy
    // machine must not refuse a behavior because the host's own setup ran slow).
    const { value: prelude } = rt.withDeadline(
      PRELUDE_MS,
      () =>
        ctx.evalCode(guestPrelude(mentionedNames(code)), PRELUDE_FILENAME, {
          type: 'global',
          strict: true,
        }),
      null,
    );
    if (!prelude) return endedError(rt, 'compile');
    if (prelude.error) {
      // The prelude is ours: it fails only for want of time or memory. Its error is not read.
      prelude.error.dispose();
      const why = rt.interrupted ? 'in time' : 'in its memory';
      return sandboxError(
        'compile',
        'SandboxError',
        `the sandbox could not set the behavior up ${why}`,
      );
    }
    this.hook = prelude.value;
    this.runFn = ctx.getProp(this.hook, 'run');
    const { value: module } = rt.withDeadline(
      ms,
      () => ctx.evalCode(code, this.filename, { type: 'module' }),
      null,
    );
    if (!module) return endedError(rt, 'compile');
    if (module.error) return this.takeError(module.error, 'compile', rt.interrupted);
    const state = ctx.getPromiseState(module.value);
    if (!('notAPromise' in state && state.notAPromise)) {
      module.value.dispose();
      return sandboxError('compile', 'SyntaxError', 'top-level await is not supported');
    }
    // Promise jobs the top level queued run now, under the same kind of deadline as the top level.
    const jobsError = this.runJobs(ms, 'compile');
    if (jobsError) {
      module.value.dispose();
      return jobsError;
    }
    const ids = ctx.newString(JSON.stringify(itemIds));
    const { value: installed } = rt.withDeadline(
      ms,
      () => ctx.callMethod(this.hook as QuickJSHandle, 'install', [module.value, ids]),
      null,
    );
    if (rt.ended || !installed) return endedError(rt, 'install');
    ids.dispose();
    module.value.dispose();
    if (installed.error) return this.takeError(installed.error, 'install', rt.interrupted);
    // The prelude's install returns a primitive string: reading it runs no guest code.
    const problem = ctx.getString(installed.value);
    installed.value.dispose();
    return problem ? sandboxError('install', 'TypeError', problem) : null;
  }

  /**
   * Runs one packed group (`input`: group header and records, exactly its
   * bytes) for `agents` agents under a deadline of `deadlineMs` (the
   * promise jobs it queued included), writing ACTION_STRIDE doubles per
   * agent into `out` from `outOffset`. On a fatal failure the agents not
   * reached keep status "skipped". Reading errors afterwards has a short
   * deadline of its own, counted in `elapsedMs`.
   */
  run(
    input: ArrayBuffer,
    agents: number,
    out: Float64Array,
    outOffset: number,
    deadlineMs: number,
  ): RunOutcome {
    const ctx = this.context;
    const rt = this.runtime;
    const outcome: RunOutcome = {
      ok: true,
      errors: [],
      errorCount: 0,
      memoryResets: 0,
      log: [],
      logDropped: 0,
      elapsedMs: 0,
    };
    const call = rt.withDeadline<CallResult | null>(
      deadlineMs,
      () => {
        const buffer = ctx.newArrayBuffer(input);
        const result = ctx.callFunction(
          this.runFn as QuickJSHandle,
          this.hook as QuickJSHandle,
          buffer,
        );
        buffer.dispose();
        if (result.error) return { error: result.error, flagged: true };
        const view = ctx.getArrayBuffer(result.value);
        result.value.dispose();
        const doubles = agents * ACTION_STRIDE;
        const actions = new Float64Array(view.value.slice(0, (doubles + 3) * 8).buffer);
        view.dispose();
        out.set(actions.subarray(0, doubles), outOffset);
        const flagged =
          actions[doubles] > 0 || actions[doubles + 1] > 0 || actions[doubles + 2] > 0;
        return { error: null, flagged };
      },
      null,
    );
    let elapsedMs = call.elapsedMs;
    if (!call.value) {
      outcome.ok = false;
      outcome.fatal = endedError(rt, 'run');
    } else if (call.value.error) {
      const started = performance.now();
      outcome.ok = false;
      outcome.fatal = this.takeError(call.value.error, 'run', rt.interrupted);
      elapsedMs += performance.now() - started;
    } else {
      const started = performance.now();
      const jobsError = this.runJobs(Math.max(0, deadlineMs - elapsedMs), 'run');
      if (jobsError) {
        outcome.ok = false;
        outcome.fatal = jobsError;
      }
      elapsedMs += performance.now() - started;
    }
    // The agents that threw before a fatal cut are often the better explanation (a stack overflow
    // per agent that made the batch overrun); the prelude kept them.
    if (!rt.ended && call.value?.flagged) {
      elapsedMs += rt.withDeadline(REPORT_MS, () => this.readReport(outcome), undefined).elapsedMs;
    }
    outcome.elapsedMs = elapsedMs;
    return outcome;
  }

  /**
   * Agent `agentId`'s memory as JSON (at most the memory limit + 1 characters, so a cut shows),
   * or null when it has none, it is not serialisable or reading it overran the migrate deadline.
   */
  memoryOf(agentId: number): string | null {
    if (this.runtime.ended || !this.hook) return null;
    const { value } = this.runtime.withDeadline<string | null>(
      this.runtime.limits.migrateMs,
      () => {
        const id = this.context.newNumber(agentId);
        const result = this.context.callMethod(this.hook as QuickJSHandle, 'memoryOf', [id]);
        id.dispose();
        if (result.error) {
          result.error.dispose();
          return null;
        }
        const text = this.context.getString(result.value);
        result.value.dispose();
        return text === '' ? null : text;
      },
      null,
    );
    return value;
  }

  /** Every agent's memory as JSON (entries over the size limit or not serialisable left out). */
  exportMemory(): string {
    const empty = '{"ids":[],"values":[]}';
    const { value: json } = this.runtime.withDeadline(
      this.runtime.limits.migrateMs,
      () => {
        const result = this.context.callMethod(this.hook as QuickJSHandle, 'exportMemory');
        if (result.error) {
          result.error.dispose();
          return empty;
        }
        const text = this.context.getString(result.value);
        result.value.dispose();
        return text;
      },
      empty,
    );
    return json;
  }

  /** Takes memory exported by the previous version, through this version's `migrate` if it has one. */
  importMemory(json: string, fromVersion: number, tick: number): MemoryImport {
    const ctx = this.context;
    const rt = this.runtime;
    const args = [ctx.newString(json), ctx.newNumber(fromVersion), ctx.newNumber(tick)];
    const { value: result } = rt.withDeadline(
      rt.limits.migrateMs,
      () => ctx.callMethod(this.hook as QuickJSHandle, 'importMemory', args),
      null,
    );
    if (!result) return { kept: 0, dropped: -1, errors: [endedError(rt, 'migrate')] };
    for (const arg of args) arg.dispose();
    if (result.error) {
      return {
        kept: 0,
        dropped: -1,
        errors: [this.takeError(result.error, 'migrate', rt.interrupted)],
      };
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
    this.runtime.contexts--;
    // An ended instance is dropped whole; calling into it again could trap.
    if (this.runtime.ended) return;
    try {
      this.runFn?.dispose();
      this.hook?.dispose();
      this.context.dispose();
    } catch {
      // Handles of a failed call may be gone already; the runtime's disposal frees the rest.
    }
  }

  /** Reads the prelude's report (errors, memory resets, log) into `outcome`; call under a deadline. */
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
      log: unknown[];
      logDropped: number;
    };
    result.value.dispose();
    outcome.errors = report.errors.map((raw) => locateGuestError(raw, this.filename, 'run'));
    outcome.errorCount = report.errorCount;
    outcome.memoryResets = report.memoryResets;
    outcome.log = report.log.map(readLogLine);
    outcome.logDropped = Math.max(0, Math.floor(Number(report.logDropped) || 0));
  }

  /**
   * Runs the promise jobs pending in the author's runtime (all of them:
   * a job queueing another runs on) under a deadline of `ms`; returns the
   * error that stopped them, or null. A job's own thrown value is not read:
   * jobs of every context of the author share the queue.
   */
  private runJobs(ms: number, phase: BehaviorErrorPhase): BehaviorError | null {
    const rt = this.runtime;
    if (!rt.runtime.hasPendingJob()) return null;
    const { value: failed } = rt.withDeadline(
      ms,
      () => {
        const jobs = rt.runtime.executePendingJobs(-1);
        if (!jobs.error) return false;
        jobs.error.dispose();
        return true;
      },
      true,
    );
    if (rt.ended) return endedError(rt, phase);
    // An interrupted async function or reaction job rejects its promise instead of throwing: the
    // interrupt handler's flag is the only trace of the cut.
    if (!failed && !rt.interrupted) return null;
    return rt.interrupted
      ? sandboxError(phase, 'InternalError', 'CPU deadline exceeded in a promise job (interrupted)')
      : sandboxError(phase, 'Error', 'a promise job threw');
  }

  /**
   * Reads a thrown value through the prelude's `describe`, under a short
   * deadline of its own, and disposes its handle. The host never coerces a
   * guest value itself: a getter, `toJSON` or `toString` runs only inside
   * the guest, under a deadline; a value that cannot be read in time is
   * reported as such. `interrupted`: the call that threw was cut by its
   * deadline.
   */
  private takeError(
    handle: QuickJSHandle,
    phase: BehaviorErrorPhase,
    interrupted: boolean,
  ): BehaviorError {
    const rt = this.runtime;
    const { value: json } = rt.withDeadline(
      REPORT_MS,
      () => {
        try {
          const result = this.context.callMethod(this.hook as QuickJSHandle, 'describe', [handle]);
          if (result.error) {
            // Not read either: reading it could be what loops.
            result.error.dispose();
            return '';
          }
          const text = this.context.getString(result.value);
          result.value.dispose();
          return text;
        } finally {
          handle.dispose();
        }
      },
      '',
    );
    if (rt.ended) return endedError(rt, phase);
    let raw: RawGuestError = { name: 'Error', message: UNREADABLE_THROWN, stack: '' };
    if (json) raw = JSON.parse(json) as RawGuestError;
    const error = locateGuestError(raw, this.filename, phase);
    if (interrupted) {
      error.name = 'InternalError';
      error.message = 'CPU deadline exceeded (interrupted)';
    }
    return error;
  }
}
