/**
 * The behavior runner: what the engine's thread holds to drive agents with
 * user behaviors. Each tick the engine `collect`s the actions decided on
 * the previous tick's observations, then `submit`s this tick's: the
 * sandbox runs in its own worker thread, one tick behind, in parallel with
 * the engine. A batch still running after `hardDeadlineMs` (a stall the
 * QuickJS interrupt cannot cut: a long native built-in, allocation near the
 * memory limit) is cut off by terminating the worker; a new one starts
 * with every behavior reinstalled except the culprit, which is suspended.
 * Hot-loads are dry-run in a second, validator worker first.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import {
  GROUP_FIELDS,
  GROUP_SLOT,
  REJECT_REASON_COUNT,
  REJECT_REASON_NAMES,
  createObservationBatch,
  decodeActions,
  type BehaviorIntents,
  type ObservationBatch,
  type RejectReason,
} from '../../../../engine/behavior/index';
import { DEFAULT_SANDBOX_LIMITS } from './authorRuntime';
import { sandboxError, type BehaviorError } from './behaviorError';
import { DEFAULT_CPU_BUDGET } from './cpuBucket';
import { BehaviorRegistry, type BehaviorStatus } from './behaviorRegistry';
import { HotLoader, type HotLoadRequest, type HotLoadResult } from './hotLoader';
import {
  CONTROL_DONE_SEQ,
  CONTROL_RUNNING_SLOT,
  type SandboxSettings,
  type ValidateResult,
  type WorkerToRunner,
} from './sandboxProtocol';
import { SandboxWorkerHandle, defaultSandboxWorkerUrl } from './sandboxWorkerHandle';
import { SharedBatchBuffers } from './sharedBatchBuffers';

export interface BehaviorRunnerOptions {
  matchSeed: number;
  /** Item ids by item index, as behaviors should see them. */
  itemIds: readonly string[];
  /** The sandbox worker script (default: sandboxWorker.ts/.js beside this module). */
  workerUrl?: URL;
  limits?: Partial<SandboxSettings['limits']>;
  budget?: Partial<SandboxSettings['budget']>;
  /** Consecutive failed ticks before a behavior is suspended (default 10). */
  suspendAfterFailures?: number;
  /** Ticks between two error events of one behavior (default 20). */
  errorEventIntervalTicks?: number;
  /** Deadline of each dry-run tick, ms (default 100). */
  dryRunMs?: number;
  /** A batch running longer than this, ms, gets the sandbox worker restarted (default 500). */
  hardDeadlineMs?: number;
  /** A dry run longer than this, ms, fails and restarts the validator (default 5,000). */
  validateTimeoutMs?: number;
}

/** What `collect` did this tick. */
export interface CollectResult {
  /**
   * applied: actions decided on `tick`'s observations were written;
   * late: the batch is still running, its agents were set idle;
   * restarted: it overran the hard deadline and the sandbox was restarted;
   * none: nothing was in flight.
   */
  status: 'applied' | 'late' | 'restarted' | 'none';
  /** Tick of the observations the batch was built from (-1 for none). */
  tick: number;
  /** Agents whose action was applied. */
  acted: number;
  /** Action fields rejected by validation in this batch, by reason. */
  rejections: Record<RejectReason, number>;
}

export interface BehaviorRunnerEvents {
  /** A behavior threw, timed out or ran out of memory (at most one event per behavior per errorEventIntervalTicks; `count` says how many). */
  error: [{ behaviorId: string; version: number; error: BehaviorError; count: number }];
  suspended: [{ behaviorId: string; version: number; error: BehaviorError }];
  /** The live sandbox worker was replaced; `culprit` is the behavior that stalled it, when known. */
  restarted: [{ reason: string; culprit: string | null; stalledMs: number }];
  log: [{ behaviorId: string; lines: string[] }];
  memoryReset: [{ behaviorId: string; agents: number }];
  /** One per finished batch: sandbox time (worker side), ms. */
  batch: [{ tick: number; elapsedMs: number }];
}

export class BehaviorRunner extends EventEmitter<BehaviorRunnerEvents> {
  readonly settings: SandboxSettings;
  readonly registry = new BehaviorRegistry();
  private live: SandboxWorkerHandle;
  private readonly hotLoader: HotLoader;
  private readonly buffers = new SharedBatchBuffers();
  /** The in-flight batch's metadata, owned here so the caller may reuse its batch object. */
  private readonly snapshot: ObservationBatch = createObservationBatch(64);
  private readonly rejections = new Uint32Array(REJECT_REASON_COUNT * 16);
  private inFlight: { seq: number; tick: number; submittedAt: number } | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** Units of a batch `submit` refused (sandbox restarting), to idle at the next `collect`. */
  private refused: Int32Array | null = null;
  private seq = 0;
  private lastTick = 0;
  private disposed = false;

  /** Starts the sandbox workers; resolves once the live one is ready (QuickJS loaded and warm). */
  static async create(options: BehaviorRunnerOptions): Promise<BehaviorRunner> {
    const runner = new BehaviorRunner(options);
    await Promise.all([runner.live.ready, runner.hotLoader.prepare()]);
    return runner;
  }

  private constructor(private readonly options: BehaviorRunnerOptions) {
    super();
    this.settings = {
      matchSeed: options.matchSeed >>> 0,
      itemIds: [...options.itemIds],
      limits: { ...DEFAULT_SANDBOX_LIMITS, ...options.limits },
      budget: { ...DEFAULT_CPU_BUDGET, ...options.budget },
      suspendAfterFailures: options.suspendAfterFailures ?? 10,
      errorEventIntervalTicks: options.errorEventIntervalTicks ?? 20,
      dryRunMs: options.dryRunMs ?? 100,
    };
    this.live = this.spawnLive();
    this.hotLoader = new HotLoader(
      () => this.live,
      this.registry,
      this.workerUrl,
      this.settings,
      options.validateTimeoutMs ?? 5_000,
      () => this.lastTick,
    );
  }

  private get workerUrl(): URL {
    return this.options.workerUrl ?? defaultSandboxWorkerUrl();
  }

  /**
   * Hands this tick's observations to the sandbox (copied: the caller may
   * reuse `batch` at once). Returns false, and sends nothing, while the
   * previous batch is still running: those agents idle this tick.
   */
  submit(batch: ObservationBatch): boolean {
    // Not before the worker is ready: the watchdog's clock starts at submit.
    if (this.disposed || this.inFlight || !this.live.isReady) {
      // Not run: `collect` sets these agents idle rather than leave last tick's intents in place.
      if (!this.inFlight) this.refused = batch.units.slice(0, batch.agentCount);
      return false;
    }
    this.refused = null;
    this.lastTick = batch.tick;
    const shared = this.buffers.fill(batch);
    const s = this.snapshot;
    s.tick = batch.tick;
    s.tickRate = batch.tickRate;
    s.ticksLeft = batch.ticksLeft;
    s.records = shared.records;
    s.length = batch.length;
    s.groups = batch.groups.slice(0, batch.groupCount * GROUP_FIELDS);
    s.groupCount = batch.groupCount;
    s.units = batch.units.slice(0, batch.agentCount);
    s.recordStart = batch.recordStart.slice(0, batch.agentCount);
    s.agentCount = batch.agentCount;
    this.seq++;
    this.live.post({
      type: 'batch',
      seq: this.seq,
      tick: batch.tick,
      tickRate: batch.tickRate,
      ticksLeft: batch.ticksLeft,
      records: shared.recordsBuffer,
      length: batch.length,
      groups: shared.groupsBuffer,
      groupCount: batch.groupCount,
      actions: shared.actionsBuffer,
    });
    this.inFlight = { seq: this.seq, tick: batch.tick, submittedAt: performance.now() };
    this.armWatchdog();
    return true;
  }

  /**
   * Writes into `out` (indexed by unit) the actions of the batch submitted
   * last, waiting at most `maxWaitMs` for it. Validation rejections are
   * counted per behavior. When the batch is late its agents are set idle;
   * past the hard deadline the sandbox is restarted.
   */
  collect(out: BehaviorIntents, maxWaitMs = 0): CollectResult {
    const result: CollectResult = {
      status: 'none',
      tick: -1,
      acted: 0,
      rejections: emptyRejections(),
    };
    const flight = this.inFlight;
    if (!flight) {
      if (this.refused) idleUnits(this.refused, this.refused.length, out);
      this.refused = null;
      return result;
    }
    result.tick = flight.tick;
    const control = this.live.control;
    if (Atomics.load(control, CONTROL_DONE_SEQ) !== flight.seq && maxWaitMs > 0) {
      Atomics.wait(control, CONTROL_DONE_SEQ, Atomics.load(control, CONTROL_DONE_SEQ), maxWaitMs);
    }
    if (Atomics.load(control, CONTROL_DONE_SEQ) === flight.seq) {
      this.inFlight = null;
      this.disarmWatchdog();
      result.status = 'applied';
      result.acted = this.decode(out, result);
      return result;
    }
    idleUnits(this.snapshot.units, this.snapshot.agentCount, out);
    result.status = this.cutIfStalled() ? 'restarted' : 'late';
    return result;
  }

  /**
   * The watchdog: restarts the live worker when the in-flight batch is
   * older than the hard deadline. Checked by `collect` and by a timer, so
   * a stall is cut even while the engine is not collecting (paused).
   */
  private cutIfStalled(): boolean {
    const flight = this.inFlight;
    if (!flight || Atomics.load(this.live.control, CONTROL_DONE_SEQ) === flight.seq) return false;
    const stalledMs = performance.now() - flight.submittedAt;
    if (stalledMs <= this.hardDeadlineMs) return false;
    const culprit = this.registry.bySlot(Atomics.load(this.live.control, CONTROL_RUNNING_SLOT));
    this.restartLive(
      `a batch ran ${Math.round(stalledMs)} ms, past the ${this.hardDeadlineMs} ms hard deadline`,
      culprit?.behaviorId ?? null,
      stalledMs,
    );
    return true;
  }

  private get hardDeadlineMs(): number {
    return this.options.hardDeadlineMs ?? 500;
  }

  private armWatchdog(): void {
    this.disarmWatchdog();
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (!this.cutIfStalled() && this.inFlight) this.armWatchdog();
    }, this.hardDeadlineMs + 1);
    // The watchdog alone must not keep a process alive.
    this.watchdog.unref();
  }

  private disarmWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** Validates, dry-runs and swaps in a behavior version between two ticks. See HotLoader. */
  hotLoad(request: HotLoadRequest): Promise<HotLoadResult> {
    return this.hotLoader.hotLoad(request);
  }

  /** Strip, compile and dry run only: nothing is installed (the editor's markers). */
  validate(request: HotLoadRequest): Promise<ValidateResult> {
    return this.hotLoader.validate(request);
  }

  /** The slot agents driven by `behaviorId` go in (observation groups), or -1 when it is not loaded. */
  slotOf(behaviorId: string): number {
    return this.registry.get(behaviorId)?.slot ?? -1;
  }

  /** Version, suspension, last error and rejection counts of a loaded behavior, or null. */
  status(behaviorId: string): BehaviorStatus | null {
    return this.registry.status(behaviorId);
  }

  /** Stops running `behaviorId`; its agents idle until it is loaded again. */
  unload(behaviorId: string): void {
    const entry = this.registry.get(behaviorId);
    if (!entry) return;
    this.live.post({ type: 'unload', slot: entry.slot });
    this.registry.remove(behaviorId);
  }

  /** Lifts a suspension: the same version runs again, failures counted from zero. */
  resume(behaviorId: string): void {
    const entry = this.registry.get(behaviorId);
    if (!entry?.suspended) return;
    const installedNow = entry.installedIn === this.live;
    entry.suspended = null;
    if (installedNow) this.live.post({ type: 'resume', slot: entry.slot });
    else this.hotLoader.reinstall(entry, this.live);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.disarmWatchdog();
    await Promise.all([this.live.terminate(), this.hotLoader.dispose()]);
  }

  private decode(out: BehaviorIntents, result: CollectResult): number {
    const groups = this.snapshot.groupCount;
    const tally =
      this.rejections.length >= groups * REJECT_REASON_COUNT
        ? this.rejections
        : new Uint32Array(groups * REJECT_REASON_COUNT);
    tally.fill(0, 0, groups * REJECT_REASON_COUNT);
    const acted = decodeActions(this.snapshot, this.buffers.actions, out, tally);
    for (let g = 0; g < groups; g++) {
      const entry = this.registry.bySlot(this.snapshot.groups[g * GROUP_FIELDS + GROUP_SLOT]);
      for (let r = 0; r < REJECT_REASON_COUNT; r++) {
        const count = tally[g * REJECT_REASON_COUNT + r];
        if (count === 0) continue;
        result.rejections[REJECT_REASON_NAMES[r]] += count;
        if (entry) entry.rejections[r] += count;
      }
    }
    return acted;
  }

  private spawnLive(): SandboxWorkerHandle {
    const handle: SandboxWorkerHandle = new SandboxWorkerHandle(
      this.workerUrl,
      'live',
      this.settings,
      (message) => this.onLiveMessage(message),
      (code) => {
        if (!this.disposed && handle === this.live) {
          this.restartLive(`the sandbox worker exited (code ${code})`, null, 0);
        }
      },
    );
    return handle;
  }

  private onLiveMessage(message: WorkerToRunner): void {
    if (message.type === 'fault') {
      const culprit = this.registry.bySlot(message.slot);
      this.restartLive(`sandbox fault: ${message.message}`, culprit?.behaviorId ?? null, 0);
      return;
    }
    if (message.type !== 'report') return;
    this.emit('batch', { tick: message.tick, elapsedMs: message.elapsedMs });
    for (const event of message.events) {
      const entry = this.registry.bySlot(event.slot);
      if (!entry || entry.behaviorId !== event.behaviorId) continue;
      if (event.type === 'error') {
        entry.lastError = event.error;
        entry.errorCount += event.count;
        this.emit('error', {
          behaviorId: event.behaviorId,
          version: event.version,
          error: event.error,
          count: event.count,
        });
      } else if (event.type === 'suspended') {
        entry.lastError = event.error;
        entry.suspended = event.error;
        this.emit('suspended', {
          behaviorId: event.behaviorId,
          version: event.version,
          error: event.error,
        });
      } else if (event.type === 'log') {
        this.emit('log', { behaviorId: event.behaviorId, lines: event.lines });
      } else {
        this.emit('memoryReset', { behaviorId: event.behaviorId, agents: event.agents });
      }
    }
  }

  /**
   * Replaces the live worker: the old one is terminated mid-batch, the
   * culprit (if known) is suspended, every other behavior is reinstalled
   * in the new worker with empty memory. Agents idle until it is ready.
   */
  private restartLive(reason: string, culprit: string | null, stalledMs: number): void {
    const old = this.live;
    void old.terminate();
    this.inFlight = null;
    this.disarmWatchdog();
    if (culprit) {
      const entry = this.registry.get(culprit);
      if (entry) {
        const error = sandboxError('sandbox', 'Stall', `${reason}; the sandbox was restarted`);
        entry.suspended = error;
        entry.lastError = error;
        this.emit('suspended', { behaviorId: entry.behaviorId, version: entry.version, error });
      }
    }
    if (this.disposed) return;
    this.live = this.spawnLive();
    for (const entry of this.registry.all()) {
      entry.installedIn = null;
      if (!entry.suspended) this.hotLoader.reinstall(entry, this.live);
    }
    this.emit('restarted', { reason, culprit, stalledMs });
  }
}

function emptyRejections(): Record<RejectReason, number> {
  return { non_finite: 0, out_of_range: 0, invisible_target: 0, malformed: 0 };
}

function idleUnits(units: Int32Array, count: number, out: BehaviorIntents): void {
  for (let k = 0; k < count; k++) {
    const unit = units[k];
    out.moveX[unit] = 0;
    out.moveY[unit] = 0;
    out.aimX[unit] = 0;
    out.aimY[unit] = 0;
    out.flags[unit] = 0;
    out.action[unit] = 0;
    out.slot[unit] = -1;
    out.say[unit] = -1;
  }
}
