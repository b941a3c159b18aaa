/**
 * The behavior runner: what the engine's thread holds to drive agents with
 * user behaviors. Each tick the engine `collect`s the actions decided on
 * the previous tick's observations, then `submit`s this tick's: the
 * sandbox runs in worker threads of its own, one tick behind, in parallel
 * with the engine and with each other. Each author lives in exactly one
 * live worker (its QuickJS instance is there); a tick's groups are split
 * between workers by author.
 *
 * The watchdog is always armed: a timer samples what each worker's thread
 * is doing, and a worker busy on one message past its deadline (a stall
 * the QuickJS interrupt cannot cut: a long native built-in) is terminated
 * and restarted alone: its authors' behaviors are reinstalled except the
 * culprit, which is suspended; other workers' authors keep their memory.
 * Hot-loads are dry-run in a separate validator worker first.
 */
import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  GROUP_AGENTS,
  GROUP_FIELDS,
  GROUP_SLOT,
  REJECT_REASON_COUNT,
  REJECT_REASON_NAMES,
  decodeActions,
  type BehaviorIntents,
  type ObservationBatch,
  type RejectReason,
} from '../../../../../engine/behavior/index';
import { DEFAULT_SANDBOX_LIMITS } from './authorRuntime';
import { capError, sandboxError, type BehaviorError } from './behaviorError';
import { DEFAULT_CPU_BUDGET } from './cpuBucket';
import { BehaviorRegistry, type BehaviorStatus } from './behaviorRegistry';
import { HotLoader, type HotLoadRequest, type HotLoadResult } from './hotLoader';
import { LiveWorker } from './liveWorker';
import {
  BUSY_BATCH,
  BUSY_IDLE,
  CONTROL_RUNNING_SLOT,
  type SandboxEvent,
  type SandboxSettings,
  type ValidateResult,
  type WorkerToRunner,
} from './sandboxProtocol';
import { SandboxWorkerHandle, defaultSandboxWorkerUrl } from './sandboxWorkerHandle';

/** How often the watchdog samples the workers, ms. */
const WATCH_INTERVAL_MS = 50;

/** Live sandbox workers by default: one per core but the engine's, at least one. */
export function defaultSandboxWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

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
  /**
   * A worker busy on one batch longer than this, ms, is restarted (default
   * 500); on an install, longer than this plus the install's own deadlines.
   */
  hardDeadlineMs?: number;
  /** Live sandbox worker threads (default: cores − 1, at least 1). */
  workers?: number;
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
  /** A behavior threw, timed out or ran out of CPU (at most one event per behavior per errorEventIntervalTicks; `count` says how many). */
  error: [
    {
      behaviorId: string;
      version: number;
      error: BehaviorError;
      count: number;
      /** Tick of the batch whose observations it was thrown on (null: not known). */
      tick: number | null;
    },
  ];
  /** `tick`: the batch it was suspended on (null: not known, or not by a batch). */
  suspended: [{ behaviorId: string; version: number; error: BehaviorError; tick: number | null }];
  /** A live sandbox worker was replaced; `culprit` is the behavior that stalled it, when known. */
  restarted: [{ reason: string; culprit: string | null; stalledMs: number; worker: number }];
  /** console lines of one behavior's batch (see sandboxProtocol's `log` event). */
  log: [Omit<Extract<SandboxEvent, { type: 'log' }>, 'type' | 'slot'>];
  memoryReset: [{ behaviorId: string; agents: number }];
  /** One per finished batch: sandbox time (worker side), ms. */
  batch: [{ tick: number; elapsedMs: number }];
}

/** One author's instance as callers see it. */
export interface AuthorStatus {
  author: string;
  /** Wasm memory its instance holds now, bytes (0: no instance). */
  memoryBytes: number;
  /** The cap, bytes. */
  limitBytes: number;
  /** The live worker it runs in. */
  worker: number;
}

export class BehaviorRunner extends EventEmitter<BehaviorRunnerEvents> {
  readonly settings: SandboxSettings;
  readonly registry = new BehaviorRegistry();
  private readonly workers: LiveWorker[] = [];
  private readonly workerOfAuthor = new Map<string, LiveWorker>();
  private readonly hotLoader: HotLoader;
  private readonly rejections = new Uint32Array(REJECT_REASON_COUNT * 16);
  private firstAgent = new Int32Array(16);
  private readonly watchdog: NodeJS.Timeout;
  /** Units of the last `submit` no worker took (not loaded, worker busy or starting): idled at `collect`. */
  private refused = new Int32Array(64);
  private refusedCount = 0;
  private seq = 0;
  private lastTick = 0;
  /** Memory reads in flight (the inspector's), by request id. */
  private readonly memoryReads = new Map<number, (json: string | null) => void>();
  private nextMemoryRead = 1;
  private disposed = false;

  /** Starts the sandbox workers; resolves once the live ones are ready (QuickJS loaded and warm). */
  static async create(options: BehaviorRunnerOptions): Promise<BehaviorRunner> {
    const runner = new BehaviorRunner(options);
    await Promise.all([...runner.workers.map((w) => w.handle.ready), runner.hotLoader.prepare()]);
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
    const count = Math.max(1, Math.floor(options.workers ?? defaultSandboxWorkers()));
    for (let i = 0; i < count; i++) {
      this.workers.push(new LiveWorker(i, (worker) => this.spawnLive(worker)));
    }
    this.hotLoader = new HotLoader(
      (author) => this.workerFor(author).handle,
      this.registry,
      this.workerUrl,
      this.settings,
      options.validateTimeoutMs ?? 5_000,
      () => this.lastTick,
    );
    this.watchdog = setInterval(() => this.watch(), WATCH_INTERVAL_MS);
    // The watchdog alone must not keep a process alive.
    this.watchdog.unref();
  }

  /** Live worker threads. */
  get workerCount(): number {
    return this.workers.length;
  }

  private get workerUrl(): URL {
    return this.options.workerUrl ?? defaultSandboxWorkerUrl();
  }

  /** The worker `author` lives in: where it was placed, or the one hosting fewest authors. */
  private workerFor(author: string): LiveWorker {
    let worker = this.workerOfAuthor.get(author);
    if (!worker) {
      worker = this.workers.reduce((a, b) => (b.authors.size < a.authors.size ? b : a));
      worker.authors.add(author);
      this.workerOfAuthor.set(author, worker);
    }
    return worker;
  }

  /**
   * Hands this tick's observations to the sandbox (copied: the caller may
   * reuse `batch` at once), each worker its authors' groups. A worker still
   * running its previous part (or restarting) is given nothing: those
   * agents idle this tick. Returns false when some agents were not sent.
   */
  submit(batch: ObservationBatch): boolean {
    this.refusedCount = 0;
    if (this.disposed) return false;
    this.lastTick = batch.tick;
    for (const worker of this.workers) worker.listCount = 0;
    if (this.firstAgent.length < batch.groupCount) {
      this.firstAgent = new Int32Array(Math.max(batch.groupCount, this.firstAgent.length * 2));
    }
    let agent = 0;
    for (let g = 0; g < batch.groupCount; g++) {
      const base = g * GROUP_FIELDS;
      const agents = batch.groups[base + GROUP_AGENTS];
      this.firstAgent[g] = agent;
      const entry = this.registry.bySlot(batch.groups[base + GROUP_SLOT]);
      const worker = entry ? this.workerOfAuthor.get(entry.author) : undefined;
      if (worker?.canTake) worker.addToList(g);
      else this.refuse(batch.units, agent, agents);
      agent += agents;
    }
    for (const worker of this.workers) {
      if (worker.listCount > 0) this.post(worker, batch);
    }
    return this.refusedCount === 0;
  }

  private post(worker: LiveWorker, batch: ObservationBatch): void {
    const { buffers, part } = worker;
    buffers.fillGroups(batch, this.firstAgent, worker.list, worker.listCount, part);
    this.seq++;
    worker.handle.post({
      type: 'batch',
      seq: this.seq,
      tick: batch.tick,
      tickRate: batch.tickRate,
      ticksLeft: batch.ticksLeft,
      records: buffers.recordsBuffer,
      length: part.length,
      groups: buffers.groupsBuffer,
      groupCount: part.groupCount,
      actions: buffers.actionsBuffer,
    });
    worker.inFlight = { seq: this.seq, tick: batch.tick, submittedAt: performance.now() };
  }

  private refuse(units: Int32Array, from: number, count: number): void {
    if (this.refusedCount + count > this.refused.length) {
      const grown = new Int32Array(Math.max(this.refusedCount + count, this.refused.length * 2));
      grown.set(this.refused.subarray(0, this.refusedCount));
      this.refused = grown;
    }
    this.refused.set(units.subarray(from, from + count), this.refusedCount);
    this.refusedCount += count;
  }

  /**
   * Writes into `out` (indexed by unit) the actions of the batch submitted
   * last, waiting at most `maxWaitMs` in all for the workers. Validation
   * rejections are counted per behavior. Agents of a worker that is late
   * are set idle; past the hard deadline that worker is restarted.
   */
  collect(out: BehaviorIntents, maxWaitMs = 0): CollectResult {
    const result: CollectResult = {
      status: 'none',
      tick: -1,
      acted: 0,
      rejections: emptyRejections(),
    };
    idleUnits(this.refused, this.refusedCount, out);
    this.refusedCount = 0;
    const until = performance.now() + maxWaitMs;
    let late = false;
    let restarted = false;
    for (const worker of this.workers) {
      const flight = worker.inFlight;
      if (!flight) continue;
      result.tick = flight.tick;
      worker.wait(until - performance.now());
      if (worker.done) {
        worker.inFlight = null;
        result.acted += this.decode(worker, out, result);
        continue;
      }
      idleUnits(worker.part.units, worker.part.agentCount, out);
      if (this.cutIfStalled(worker)) restarted = true;
      else late = true;
    }
    if (result.tick >= 0) result.status = restarted ? 'restarted' : late ? 'late' : 'applied';
    return result;
  }

  /** Restarts `worker` when its batch in flight is older than the hard deadline. */
  private cutIfStalled(worker: LiveWorker): boolean {
    const flight = worker.inFlight;
    if (!flight || worker.done) return false;
    const stalledMs = performance.now() - flight.submittedAt;
    if (stalledMs <= this.hardDeadlineMs) return false;
    this.restartStalled(worker, 'a batch', stalledMs, this.hardDeadlineMs);
    return true;
  }

  private get hardDeadlineMs(): number {
    return this.options.hardDeadlineMs ?? 500;
  }

  /**
   * The watchdog's round: every worker busy on one message past that
   * message's deadline is restarted, whether or not a match is collecting
   * (paused, no match, an install with no batch in flight).
   */
  private watch(): void {
    if (this.disposed) return;
    const now = performance.now();
    for (const worker of this.workers) {
      if (this.cutIfStalled(worker)) continue;
      const { busy, ms } = worker.busyFor(now);
      if (busy === BUSY_IDLE) continue;
      const limits = this.settings.limits;
      const limit =
        busy === BUSY_BATCH
          ? this.hardDeadlineMs
          : this.hardDeadlineMs + 4 * limits.compileMs + 2 * limits.migrateMs;
      if (ms > limit) {
        this.restartStalled(worker, busy === BUSY_BATCH ? 'a batch' : 'an install', ms, limit);
      }
    }
  }

  private restartStalled(worker: LiveWorker, what: string, stalledMs: number, limit: number): void {
    const culprit = this.registry.bySlot(Atomics.load(worker.handle.control, CONTROL_RUNNING_SLOT));
    this.restartWorker(
      worker,
      `${what} ran ${Math.round(stalledMs)} ms, past the ${Math.round(limit)} ms hard deadline`,
      culprit?.behaviorId ?? null,
      stalledMs,
    );
  }

  /** Validates, dry-runs and swaps in a behavior version between two ticks. See HotLoader. */
  async hotLoad(request: HotLoadRequest): Promise<HotLoadResult> {
    const result = await this.hotLoader.hotLoad(request);
    if (!result.ok) this.forgetAuthorIfUnused(request.author);
    return result;
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

  /**
   * Agent `agentId`'s memory in `behaviorId` as JSON, read in its worker after
   * the batches posted before (null: not loaded, suspended, none, or no answer
   * within `timeoutMs`, e.g. the worker restarted).
   */
  memoryOf(behaviorId: string, agentId: number, timeoutMs = 1000): Promise<string | null> {
    const entry = this.registry.get(behaviorId);
    const worker = entry ? this.workerOfAuthor.get(entry.author) : undefined;
    if (!entry || !worker || entry.suspended || this.disposed) return Promise.resolve(null);
    const requestId = this.nextMemoryRead++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (json: string | null) => {
        clearTimeout(timer);
        this.memoryReads.delete(requestId);
        resolve(json);
      };
      this.memoryReads.set(requestId, finish);
      worker.handle.post({ type: 'memory', requestId, slot: entry.slot, agentId });
    });
  }

  /** Every author with a behavior loaded: its instance's memory and its worker. */
  authors(): AuthorStatus[] {
    const list: AuthorStatus[] = [];
    for (const [author, worker] of this.workerOfAuthor) {
      list.push({
        author,
        memoryBytes: worker.memory.find((m) => m.author === author)?.bytes ?? 0,
        limitBytes: this.settings.limits.memoryBytes,
        worker: worker.index,
      });
    }
    return list.sort((a, b) => (a.author < b.author ? -1 : a.author > b.author ? 1 : 0));
  }

  /**
   * Stops running `behaviorId`; its agents idle until it is loaded again.
   * An author left with nothing loaded gives its instance (and memory) back.
   */
  unload(behaviorId: string): void {
    const entry = this.registry.get(behaviorId);
    if (!entry) return;
    this.workerOfAuthor.get(entry.author)?.handle.post({ type: 'unload', slot: entry.slot });
    this.registry.remove(behaviorId);
    this.forgetAuthorIfUnused(entry.author);
  }

  private forgetAuthorIfUnused(author: string): void {
    if (this.registry.all().some((e) => e.author === author)) return;
    const worker = this.workerOfAuthor.get(author);
    worker?.authors.delete(author);
    this.workerOfAuthor.delete(author);
  }

  /** Lifts a suspension: the same version runs again, failures counted from zero. */
  resume(behaviorId: string): void {
    const entry = this.registry.get(behaviorId);
    if (!entry?.suspended) return;
    const worker = this.workerFor(entry.author);
    entry.suspended = null;
    if (entry.installedIn === worker.handle) {
      worker.handle.post({ type: 'resume', slot: entry.slot });
    } else this.hotLoader.reinstall(entry, worker.handle);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.watchdog);
    await Promise.all([...this.workers.map((w) => w.handle.terminate()), this.hotLoader.dispose()]);
  }

  private decode(worker: LiveWorker, out: BehaviorIntents, result: CollectResult): number {
    const part = worker.part;
    const groups = part.groupCount;
    const tally =
      this.rejections.length >= groups * REJECT_REASON_COUNT
        ? this.rejections
        : new Uint32Array(groups * REJECT_REASON_COUNT);
    tally.fill(0, 0, groups * REJECT_REASON_COUNT);
    const acted = decodeActions(part, worker.buffers.actions, out, tally);
    for (let g = 0; g < groups; g++) {
      const entry = this.registry.bySlot(part.groups[g * GROUP_FIELDS + GROUP_SLOT]);
      for (let r = 0; r < REJECT_REASON_COUNT; r++) {
        const count = tally[g * REJECT_REASON_COUNT + r];
        if (count === 0) continue;
        result.rejections[REJECT_REASON_NAMES[r]] += count;
        if (entry) entry.rejections[r] += count;
      }
    }
    return acted;
  }

  private spawnLive(worker: LiveWorker): SandboxWorkerHandle {
    const handle: SandboxWorkerHandle = new SandboxWorkerHandle(
      this.workerUrl,
      'live',
      this.settings,
      (message) => this.onLiveMessage(worker, message),
      (code) => {
        if (!this.disposed && handle === worker.handle) {
          this.restartWorker(worker, `the sandbox worker exited (code ${code})`, null, 0);
        }
      },
    );
    return handle;
  }

  private onLiveMessage(worker: LiveWorker, message: WorkerToRunner): void {
    if (message.type === 'fault') {
      const culprit = this.registry.bySlot(message.slot);
      this.restartWorker(
        worker,
        `sandbox fault: ${message.message}`,
        culprit?.behaviorId ?? null,
        0,
      );
      return;
    }
    if (message.type === 'memory') {
      this.memoryReads.get(message.requestId)?.(message.json);
      return;
    }
    if (message.type === 'events') {
      worker.memory = message.memory;
      this.applyEvents(message.events, null);
      return;
    }
    if (message.type !== 'report') return;
    worker.memory = message.memory;
    this.emit('batch', { tick: message.tick, elapsedMs: message.elapsedMs });
    this.applyEvents(message.events, message.tick);
  }

  /** `tick`: the batch the events came with (a report's), or null. */
  private applyEvents(events: SandboxEvent[], tick: number | null): void {
    for (const event of events) {
      const entry = this.registry.bySlot(event.slot);
      if (!entry || entry.behaviorId !== event.behaviorId) continue;
      if (event.type === 'error') {
        const error = capError(event.error);
        entry.lastError = error;
        entry.errorCount += event.count;
        this.emit('error', {
          behaviorId: event.behaviorId,
          version: event.version,
          error,
          count: event.count,
          tick,
        });
      } else if (event.type === 'suspended' || event.type === 'ended') {
        const error = capError(event.error);
        entry.lastError = error;
        entry.suspended = error;
        // Its instance is gone: a resume installs it again, in a fresh one.
        if (event.type === 'ended') entry.installedIn = null;
        this.emit('suspended', {
          behaviorId: event.behaviorId,
          version: event.version,
          error,
          tick,
        });
      } else if (event.type === 'log') {
        this.emit('log', {
          behaviorId: event.behaviorId,
          version: event.version,
          author: event.author,
          tick: event.tick,
          lines: event.lines,
          dropped: event.dropped,
        });
      } else {
        this.emit('memoryReset', { behaviorId: event.behaviorId, agents: event.agents });
      }
    }
  }

  /**
   * Replaces one live worker: the old thread is terminated mid-batch, the
   * culprit (if known) is suspended, every other behavior of that worker's
   * authors is reinstalled in the new thread with empty memory. Agents of
   * other workers are untouched; this worker's idle until it is ready.
   */
  private restartWorker(
    worker: LiveWorker,
    reason: string,
    culprit: string | null,
    stalledMs: number,
  ): void {
    if (culprit) {
      const entry = this.registry.get(culprit);
      if (entry) {
        const error = sandboxError('sandbox', 'Stall', `${reason}; the sandbox was restarted`);
        entry.suspended = error;
        entry.lastError = error;
        this.emit('suspended', {
          behaviorId: entry.behaviorId,
          version: entry.version,
          error,
          tick: null,
        });
      }
    }
    if (this.disposed) {
      void worker.handle.terminate();
      return;
    }
    worker.replace();
    for (const entry of this.registry.all()) {
      if (this.workerOfAuthor.get(entry.author) !== worker) continue;
      entry.installedIn = null;
      if (!entry.suspended) this.hotLoader.reinstall(entry, worker.handle);
    }
    this.emit('restarted', { reason, culprit, stalledMs, worker: worker.index });
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
