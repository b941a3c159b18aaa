/**
 * A sandbox worker thread: loads QuickJS (one wasm instance per worker),
 * warms it up, then serves the runner's messages in order. The live worker
 * runs batches and installs; the validator worker runs dry runs. Either may
 * be terminated at any moment by the runner's watchdog, so it keeps nothing
 * that is not also kept by the runner.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';
import { GROUP_FIELDS } from '../../../../engine/behavior/index';
import { validateBehavior } from './dryRun';
import { SandboxEngine } from './sandboxEngine';
import {
  CONTROL_DONE_SEQ,
  CONTROL_RUNNING_SLOT,
  type RunnerToWorker,
  type SandboxSettings,
  type WorkerToRunner,
} from './sandboxProtocol';

if (!parentPort) throw new Error('sandboxWorker must run in a worker thread');
const port = parentPort;

let module: QuickJSWASMModule | null = null;
let engine: SandboxEngine | null = null;
let settings: SandboxSettings | null = null;
let control: Int32Array | null = null;
const queue: RunnerToWorker[] = [];

function post(message: WorkerToRunner): void {
  port.postMessage(message);
}

/** Cold wasm runs several times slower until V8 tiers it up; pay that before the first real tick. */
function warmUp(m: QuickJSWASMModule, s: SandboxSettings): number {
  const started = performance.now();
  const warmSettings = { ...s, dryRunMs: 5_000, limits: { ...s.limits, compileMs: 5_000 } };
  for (let i = 0; i < 3; i++) {
    validateBehavior(m, warmSettings, {
      behaviorId: 'warm-up',
      author: 'warm-up',
      language: 'javascript',
      source:
        'export default function (o, m) { let b = null, d = 1e9; for (const e of o.nearby) ' +
        '{ if (e.distance < d) { d = e.distance; b = e; } } m.n = (m.n || 0) + 1; ' +
        'return b ? { moveTo: b, aimAt: b.id, fire: d < o.self.range } : { move: { x: 1, y: 0 } }; }',
    });
  }
  return performance.now() - started;
}

async function init(message: Extract<RunnerToWorker, { type: 'init' }>): Promise<void> {
  settings = message.settings;
  control = new Int32Array(message.control);
  module = await newQuickJSWASMModuleFromVariant(variant);
  const warmupMs = warmUp(module, settings);
  if (message.role === 'live') {
    const c = control;
    engine = new SandboxEngine(module, settings, (slot) =>
      Atomics.store(c, CONTROL_RUNNING_SLOT, slot),
    );
  }
  post({ type: 'ready', warmupMs });
  drain();
}

function handle(message: RunnerToWorker): void {
  switch (message.type) {
    case 'batch': {
      if (!engine || !control) return;
      const started = performance.now();
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
      Atomics.store(control, CONTROL_DONE_SEQ, message.seq);
      Atomics.notify(control, CONTROL_DONE_SEQ);
      const elapsedMs = performance.now() - started;
      post({ type: 'report', seq: message.seq, tick: message.tick, elapsedMs, events });
      return;
    }
    case 'install':
      if (engine)
        post({ type: 'installed', requestId: message.requestId, result: engine.install(message) });
      return;
    case 'validate':
      if (module && settings) {
        post({
          type: 'validated',
          requestId: message.requestId,
          result: validateBehavior(module, settings, message),
        });
      }
      return;
    case 'unload':
      engine?.unload(message.slot);
      return;
    case 'resume':
      engine?.resume(message.slot);
      return;
    case 'init':
      return;
  }
}

function drain(): void {
  while (queue.length && module) {
    const message = queue.shift() as RunnerToWorker;
    try {
      handle(message);
    } catch (error) {
      // A host-level failure inside QuickJS (it should not happen: limits are set so that QuickJS
      // stops first) may leave the wasm instance inconsistent: report and let the runner restart us.
      const slot = control ? Atomics.load(control, CONTROL_RUNNING_SLOT) : -1;
      post({
        type: 'fault',
        message: error instanceof Error ? error.message : String(error),
        slot,
      });
      process.exit(1);
    }
  }
}

port.on('message', (message: RunnerToWorker) => {
  if (message.type === 'init') {
    void init(message).catch((error: unknown) => {
      post({ type: 'fault', message: `sandbox failed to start: ${String(error)}`, slot: -1 });
      process.exit(1);
    });
    return;
  }
  queue.push(message);
  drain();
});
