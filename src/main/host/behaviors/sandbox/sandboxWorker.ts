/**
 * A sandbox worker thread: serves the runner's messages in order, one at a
 * time (an install may wait for its author's wasm instance to start). A
 * live worker runs batches and installs for the authors the runner gave
 * it, each author in a QuickJS instance of its own; the validator worker
 * runs dry runs. The worker marks in its control block what it is doing,
 * so the runner's watchdog can terminate it at any moment: it keeps
 * nothing that is not also kept by the runner.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { GROUP_FIELDS } from '../../../../../engine/behavior/index';
import { newCappedQuickJs, type CappedQuickJs } from './cappedQuickJs';
import { validateBehavior } from './dryRun';
import { SandboxEngine } from './sandboxEngine';
import {
  BUSY_BATCH,
  BUSY_IDLE,
  BUSY_INSTALL,
  BUSY_VALIDATE,
  CONTROL_BUSY,
  CONTROL_BUSY_SEQ,
  CONTROL_DONE_SEQ,
  CONTROL_RUNNING_SLOT,
  type RunnerToWorker,
  type SandboxSettings,
  type WorkerToRunner,
} from './sandboxProtocol';

if (!parentPort) throw new Error('sandboxWorker must run in a worker thread');
const port = parentPort;

let engine: SandboxEngine | null = null;
let settings: SandboxSettings | null = null;
let control: Int32Array | null = null;
/** The validator's instance, reused across dry runs until one ends it. */
let validatorInstance: CappedQuickJs | null = null;
let started = false;
let draining = false;
const queue: RunnerToWorker[] = [];

function post(message: WorkerToRunner): void {
  port.postMessage(message);
}

function busy(state: number): void {
  if (!control) return;
  if (state !== BUSY_IDLE) Atomics.add(control, CONTROL_BUSY_SEQ, 1);
  Atomics.store(control, CONTROL_BUSY, state);
}

/** A dry run in the validator's instance (a fresh one when the last dry run ended it). */
async function validate(
  s: SandboxSettings,
  request: Parameters<typeof validateBehavior>[2],
): Promise<ReturnType<typeof validateBehavior>['result']> {
  validatorInstance ??= await newCappedQuickJs(s.limits.memoryBytes);
  busy(BUSY_VALIDATE);
  const { result, instanceUsable } = validateBehavior(validatorInstance, s, request);
  if (!instanceUsable) validatorInstance = null;
  return result;
}

/** Cold wasm runs several times slower until V8 tiers it up; pay that before the first real tick. */
async function warmUp(s: SandboxSettings): Promise<number> {
  const begun = performance.now();
  const warmSettings = { ...s, dryRunMs: 5_000, limits: { ...s.limits, compileMs: 5_000 } };
  for (let i = 0; i < 3; i++) {
    await validate(warmSettings, {
      behaviorId: 'warm-up',
      author: 'warm-up',
      language: 'javascript',
      source:
        'export default function (o, m) { let b = null, d = 1e9; for (const e of o.nearby) ' +
        '{ if (e.distance < d) { d = e.distance; b = e; } } m.n = (m.n || 0) + 1; ' +
        'return b ? { moveTo: b, aimAt: b.id, fire: d < o.self.range } : { move: { x: 1, y: 0 } }; }',
    });
  }
  busy(BUSY_IDLE);
  return performance.now() - begun;
}

async function init(message: Extract<RunnerToWorker, { type: 'init' }>): Promise<void> {
  settings = message.settings;
  control = new Int32Array(message.control);
  const warmupMs = await warmUp(settings);
  if (message.role === 'live') {
    const c = control;
    engine = new SandboxEngine(settings, (slot) => Atomics.store(c, CONTROL_RUNNING_SLOT, slot));
  }
  started = true;
  post({ type: 'ready', warmupMs });
}

async function handle(message: RunnerToWorker): Promise<void> {
  switch (message.type) {
    case 'batch': {
      if (!engine || !control) return;
      const begun = performance.now();
      busy(BUSY_BATCH);
      const events = engine.runBatch(
        {
          tick: message.tick,
          tickRate: message.tickRate,
          ticksLeft: message.ticksLeft,
          records: new Float64Array(message.records, 0, message.length),
          groups: new Int32Array(message.groups, 0, message.groupCount * GROUP_FIELDS),
          groupCount: message.groupCount,
        },
        new Float64Array(message.actions),
      );
      busy(BUSY_IDLE);
      Atomics.store(control, CONTROL_DONE_SEQ, message.seq);
      Atomics.notify(control, CONTROL_DONE_SEQ);
      const elapsedMs = performance.now() - begun;
      post({
        type: 'report',
        seq: message.seq,
        tick: message.tick,
        elapsedMs,
        events,
        memory: engine.authorMemory(),
      });
      return;
    }
    case 'install': {
      if (!engine) return;
      await engine.prepare(message.author);
      busy(BUSY_INSTALL);
      const result = engine.install(message);
      busy(BUSY_IDLE);
      post({ type: 'installed', requestId: message.requestId, result });
      post({ type: 'events', events: engine.takePendingEvents(), memory: engine.authorMemory() });
      return;
    }
    case 'validate':
      if (settings) {
        const result = await validate(settings, message);
        busy(BUSY_IDLE);
        post({ type: 'validated', requestId: message.requestId, result });
      }
      return;
    case 'unload':
      engine?.unload(message.slot);
      if (engine) post({ type: 'events', events: [], memory: engine.authorMemory() });
      return;
    case 'resume':
      engine?.resume(message.slot);
      return;
    case 'memory': {
      // Guest code runs (toJSON, getters): the watchdog watches it as it does an install.
      busy(BUSY_INSTALL);
      const json = engine ? engine.memoryOf(message.slot, message.agentId) : null;
      busy(BUSY_IDLE);
      post({ type: 'memory', requestId: message.requestId, json });
      return;
    }
    case 'init':
      return;
  }
}

/** Handles queued messages one at a time, in order (an install's await holds the ones behind it). */
async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    while (queue.length && started) {
      const message = queue.shift() as RunnerToWorker;
      try {
        await handle(message);
      } catch (error) {
        // A host-level failure outside any author's instance (instances catch their own): report
        // and let the runner restart this worker.
        const slot = control ? Atomics.load(control, CONTROL_RUNNING_SLOT) : -1;
        post({
          type: 'fault',
          message: error instanceof Error ? error.message : String(error),
          slot,
        });
        process.exit(1);
      }
    }
  } finally {
    draining = false;
  }
}

port.on('message', (message: RunnerToWorker) => {
  if (message.type === 'init') {
    void init(message)
      .then(drain)
      .catch((error: unknown) => {
        post({ type: 'fault', message: `sandbox failed to start: ${String(error)}`, slot: -1 });
        process.exit(1);
      });
    return;
  }
  queue.push(message);
  void drain();
});
