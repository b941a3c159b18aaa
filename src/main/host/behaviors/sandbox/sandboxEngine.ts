/**
 * The sandbox's core, as it runs inside a sandbox worker (and in tests, in
 * process): behaviors installed by slot, one QuickJS wasm instance per
 * author (authorRuntime.ts), a tick's groups run one after another under
 * each author's CPU allowance, failures counted and repeat offenders
 * suspended. An author whose instance ends (memory cap, wasm fault) loses
 * that instance whole: every behavior of theirs is uninstalled and
 * reported, nobody else is touched.
 */
import { performance } from 'node:perf_hooks';
import {
  ACTION_STATUS_BAD_RETURN,
  ACTION_STATUS_SKIPPED,
  ACTION_STATUS_THREW,
  ACTION_STRIDE,
  GROUP_AGENTS,
  GROUP_FIELDS,
  GROUP_LENGTH,
  GROUP_SLOT,
  GROUP_START,
} from '../../../../../engine/behavior/index';
import { AuthorRuntime } from './authorRuntime';
import { describeError, sandboxError, type BehaviorError } from './behaviorError';
import { compileBehavior, type BehaviorInstance } from './behaviorInstance';
import { allowance, charge, earn } from './cpuBucket';
import { batchSeed, hashString, packGroupInput, type GroupClock } from './groupInput';
import type {
  InstallRequest,
  InstallResult,
  SandboxEvent,
  SandboxSettings,
} from './sandboxProtocol';

/** An installed behavior version. */
interface Installed {
  slot: number;
  behaviorId: string;
  version: number;
  author: string;
  hash: number;
  instance: BehaviorInstance;
  /** Consecutive failed ticks. */
  failures: number;
  suspended: BehaviorError | null;
  /** Errors since the last error event, and the tick of that event. */
  pendingErrors: number;
  lastErrorEventTick: number;
}

/** File name behaviors are compiled under: what their stack frames and error positions name. */
export const BEHAVIOR_FILENAME = 'behavior.js';

/** One tick's packed input, as the worker sees it. */
export interface BatchInput extends GroupClock {
  records: Float64Array;
  groups: Int32Array;
  groupCount: number;
}

export class SandboxEngine {
  private readonly slots = new Map<number, Installed>();
  private readonly authors = new Map<string, AuthorRuntime>();

  /** Events of ended instances found outside a batch (an install), sent with the next report. */
  private readonly pendingEvents: SandboxEvent[] = [];

  constructor(
    readonly settings: SandboxSettings,
    /** Called with the slot about to run (-1 after a group): the watchdog's culprit marker. */
    private readonly onRunning: (slot: number) => void = () => {},
  ) {}

  /** Creates the author's instance unless it has one (a wasm instantiation: a few ms). Before `install`. */
  async prepare(author: string): Promise<void> {
    if (this.authors.has(author)) return;
    const runtime = await AuthorRuntime.create(author, this.settings.limits, this.settings.budget);
    if (this.authors.has(author)) runtime.dispose();
    else this.authors.set(author, runtime);
  }

  /** Wasm memory each author's instance holds now, bytes. */
  authorMemory(): { author: string; bytes: number }[] {
    return [...this.authors.values()].map((r) => ({ author: r.author, bytes: r.memoryBytes }));
  }

  /**
   * Compiles `request.code` and swaps it into `request.slot`, carrying the
   * old version's memory over when asked. On failure the old version stays
   * (unless the failure ended the author's instance). The author's
   * instance must have been `prepare`d.
   */
  install(request: InstallRequest): InstallResult {
    const started = performance.now();
    const runtime = this.authors.get(request.author);
    if (!runtime) {
      return {
        ok: false,
        error: sandboxError('install', 'SandboxError', "the author's sandbox is not ready"),
        memoryKept: 0,
        memoryDropped: 0,
        migrateErrors: [],
        elapsedMs: performance.now() - started,
      };
    }
    const compiled = compileBehavior(
      runtime,
      request.code,
      BEHAVIOR_FILENAME,
      this.settings.itemIds,
    );
    const result: InstallResult = {
      ok: compiled.ok,
      memoryKept: 0,
      memoryDropped: 0,
      migrateErrors: [],
      elapsedMs: 0,
    };
    if (!compiled.ok) {
      result.error = compiled.error;
      if (runtime.ended) this.endAuthor(runtime, this.pendingEvents);
      else this.releaseIfUnused(runtime);
      result.elapsedMs = performance.now() - started;
      return result;
    }
    const old = this.slots.get(request.slot);
    if (old && request.keepMemory) {
      const memory = compiled.instance.importMemory(
        old.instance.exportMemory(),
        old.version,
        request.tick,
      );
      result.memoryKept = memory.kept;
      result.memoryDropped = memory.dropped;
      result.migrateErrors = memory.errors;
    }
    this.slots.set(request.slot, {
      slot: request.slot,
      behaviorId: request.behaviorId,
      version: request.version,
      author: request.author,
      hash: hashString(request.behaviorId),
      instance: compiled.instance,
      failures: 0,
      suspended: null,
      pendingErrors: 0,
      lastErrorEventTick: -Infinity,
    });
    if (old) this.dispose(old);
    if (runtime.ended) {
      this.endAuthor(runtime, this.pendingEvents);
      result.ok = false;
      result.error = sandboxError('install', runtime.ended.name, runtime.ended.message);
    }
    result.elapsedMs = performance.now() - started;
    return result;
  }

  /** Removes the behavior in `slot` (its agents are skipped from then on). */
  /** One agent's memory in the behavior installed in `slot`, as JSON (see BehaviorInstance.memoryOf). */
  memoryOf(slot: number, agentId: number): string | null {
    return this.slots.get(slot)?.instance.memoryOf(agentId) ?? null;
  }

  unload(slot: number): void {
    const installed = this.slots.get(slot);
    if (!installed) return;
    this.slots.delete(slot);
    this.dispose(installed);
  }

  /** Lifts a suspension (failures counted from zero again). */
  resume(slot: number): void {
    const installed = this.slots.get(slot);
    if (!installed) return;
    installed.suspended = null;
    installed.failures = 0;
  }

  /** Marks `slot` suspended for `error` (the watchdog's verdict after a restart). */
  suspend(slot: number, error: BehaviorError): void {
    const installed = this.slots.get(slot);
    if (installed) installed.suspended = error;
  }

  /**
   * Runs every group of `input`, writing ACTION_STRIDE doubles per record
   * into `actions` (record order); agents of a missing, suspended or
   * out-of-CPU behavior get status "skipped". Returns the events worth
   * reporting.
   */
  runBatch(input: BatchInput, actions: Float64Array): SandboxEvent[] {
    const events: SandboxEvent[] = this.pendingEvents.splice(0);
    for (const runtime of this.authors.values()) earn(runtime.bucket, this.settings.budget);
    let record = 0;
    for (let g = 0; g < input.groupCount; g++) {
      const base = g * GROUP_FIELDS;
      const slot = input.groups[base + GROUP_SLOT];
      const agents = input.groups[base + GROUP_AGENTS];
      const at = record * ACTION_STRIDE;
      for (let k = 0; k < agents; k++) actions[at + k * ACTION_STRIDE] = ACTION_STATUS_SKIPPED;
      const installed = this.slots.get(slot);
      if (installed && !installed.suspended) {
        this.runGroup(installed, input, base, agents, actions, at, events);
      }
      record += agents;
    }
    return events;
  }

  /** Slots installed now, with their suspension if any (for tests and restarts). */
  installed(): { slot: number; behaviorId: string; version: number; suspended: boolean }[] {
    return [...this.slots.values()].map((s) => ({
      slot: s.slot,
      behaviorId: s.behaviorId,
      version: s.version,
      suspended: s.suspended !== null,
    }));
  }

  /** Frees every context and runtime. */
  disposeAll(): void {
    for (const installed of this.slots.values()) installed.instance.dispose();
    this.slots.clear();
    for (const runtime of this.authors.values()) runtime.dispose();
    this.authors.clear();
  }

  private runGroup(
    installed: Installed,
    input: BatchInput,
    base: number,
    agents: number,
    actions: Float64Array,
    at: number,
    events: SandboxEvent[],
  ): void {
    const runtime = installed.instance.runtime;
    const allowed = allowance(runtime.bucket, this.settings.budget);
    if (allowed <= 0 || runtime.ended) return;
    const data = packGroupInput(
      input.records,
      input.groups[base + GROUP_START],
      input.groups[base + GROUP_LENGTH],
      agents,
      input,
      batchSeed(this.settings.matchSeed, input.tick, installed.hash),
    );
    this.onRunning(installed.slot);
    const outcome = installed.instance.run(data, agents, actions, at, allowed);
    this.onRunning(-1);
    charge(runtime.bucket, outcome.elapsedMs);
    if (runtime.ended) {
      this.endAuthor(runtime, events);
      return;
    }
    let failure: BehaviorError | null = outcome.fatal ?? null;
    if (!failure && agents > 0 && this.allFailed(actions, at, agents)) {
      failure =
        outcome.errors[0] ??
        sandboxError('run', 'TypeError', 'the behavior returned a value that is not an action');
    }
    installed.pendingErrors += outcome.errorCount + (outcome.fatal ? 1 : 0);
    if (failure) installed.failures++;
    else installed.failures = 0;
    const shown = outcome.errors[0] ?? failure;
    if (installed.failures >= this.settings.suspendAfterFailures && failure) {
      const reason = {
        ...failure,
        message: `${failure.message} — suspended after ${installed.failures} failed ticks`,
      };
      installed.suspended = reason;
      events.push(this.event('suspended', installed, reason));
    } else if (
      shown &&
      input.tick - installed.lastErrorEventTick >= this.settings.errorEventIntervalTicks
    ) {
      events.push(this.event('error', installed, shown));
      installed.lastErrorEventTick = input.tick;
    }
    if (outcome.memoryResets > 0) {
      events.push({
        type: 'memoryReset',
        slot: installed.slot,
        behaviorId: installed.behaviorId,
        agents: outcome.memoryResets,
      });
    }
    if (outcome.log.length > 0 || outcome.logDropped > 0) {
      events.push({
        type: 'log',
        slot: installed.slot,
        behaviorId: installed.behaviorId,
        version: installed.version,
        author: installed.author,
        tick: input.tick,
        lines: outcome.log,
        dropped: outcome.logDropped,
      });
    }
  }

  private event(
    type: 'error' | 'suspended',
    installed: Installed,
    error: BehaviorError,
  ): SandboxEvent {
    const count = installed.pendingErrors;
    installed.pendingErrors = 0;
    if (type === 'suspended') {
      return {
        type,
        slot: installed.slot,
        behaviorId: installed.behaviorId,
        version: installed.version,
        error,
      };
    }
    return {
      type,
      slot: installed.slot,
      behaviorId: installed.behaviorId,
      version: installed.version,
      error,
      count,
    };
  }

  /** Every agent of the group threw or returned a non-action: the tick counts as failed. */
  private allFailed(actions: Float64Array, at: number, agents: number): boolean {
    for (let k = 0; k < agents; k++) {
      const status = actions[at + k * ACTION_STRIDE];
      if (status !== ACTION_STATUS_THREW && status !== ACTION_STATUS_BAD_RETURN) return false;
    }
    return true;
  }

  /**
   * Drops an ended instance whole: every behavior of its author is
   * uninstalled and reported with the reason (its agents idle until it is
   * loaded again, in a fresh instance).
   */
  private endAuthor(runtime: AuthorRuntime, events: SandboxEvent[]): void {
    const reason = runtime.ended ?? { name: 'SandboxFault', message: 'the sandbox instance ended' };
    for (const installed of [...this.slots.values()]) {
      if (installed.instance.runtime !== runtime) continue;
      this.slots.delete(installed.slot);
      installed.instance.dispose();
      events.push({
        type: 'ended',
        slot: installed.slot,
        behaviorId: installed.behaviorId,
        version: installed.version,
        error: sandboxError('run', reason.name, reason.message),
      });
    }
    if (this.authors.get(runtime.author) === runtime) this.authors.delete(runtime.author);
    runtime.dispose();
  }

  /** Events found outside a batch (an install that ended its author's instance), taken once. */
  takePendingEvents(): SandboxEvent[] {
    return this.pendingEvents.splice(0);
  }

  private dispose(installed: Installed): void {
    installed.instance.dispose();
    this.releaseIfUnused(installed.instance.runtime);
  }

  private releaseIfUnused(runtime: AuthorRuntime): void {
    if (runtime.contexts > 0) return;
    // Its wasm memory goes with the instance: an author with nothing installed holds none.
    if (this.authors.get(runtime.author) === runtime) this.authors.delete(runtime.author);
    runtime.dispose();
  }
}

/** The reason a behavior was suspended, in one line. */
export function suspensionReason(error: BehaviorError): string {
  return describeError(error);
}
