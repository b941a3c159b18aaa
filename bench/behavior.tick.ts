/**
 * Behavior tick benchmark: one tick of user behaviors through the sandbox
 * (observations packed, copied to the sandbox worker, decoded in QuickJS,
 * each agent's behavior called, actions packed, decoded and validated on
 * the host), against the plain-JS floor: the same prelude and behaviors
 * run directly in V8 (a node:vm context) on the same packed input.
 *
 * Run: node --expose-gc --import tsx bench/behavior.tick.ts
 * One JSON line per configuration on stdout; progress on stderr.
 *
 * Each configuration runs with 1 and with 2 live sandbox workers (one
 * author per behavior, authors spread over the workers); `speedup` is the
 * 1-worker median over this one.
 *
 * median_ms: submit → actions decoded into intents (the sandbox's latency;
 * with results one tick behind the engine thread does not wait for it).
 * worker_median_ms: the sandbox worker's own time per batch.
 * engine_median_ms: what the engine thread spends (encode + submit + decode).
 */
import { loadavg } from 'node:os';
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import {
  ACTION_STRIDE,
  GROUP_AGENTS,
  GROUP_FIELDS,
  GROUP_LENGTH,
  GROUP_SLOT,
  GROUP_START,
  REJECT_REASON_COUNT,
  decodeActions,
  type ObservationBatch,
} from '../engine/behavior/index';
import {
  BehaviorRunner,
  createSyntheticScratch,
  createSyntheticWorld,
  stepSyntheticWorld,
  writeSyntheticBatch,
} from '../src/main/host/behaviors/sandbox/index';
import { mentionedNames } from '../src/main/host/behaviors/sandbox/guestDecode';
import { guestPrelude } from '../src/main/host/behaviors/sandbox/guestPrelude';
import { packGroupInput } from '../src/main/host/behaviors/sandbox/groupInput';
import { ITEM_IDS, SANDBOX_WORKER_URL, steerFunction, steerModule } from './_behaviors';
import { median, percentile, report, round3 } from './_stats';

/** Live sandbox worker counts compared (authors spread over them). */
const WORKER_COUNTS = [1, 2];

const CONFIGS = [
  { agents: 1000, behaviors: 10, warmup: 30, ticks: 200 },
  { agents: 5000, behaviors: 100, warmup: 10, ticks: 40 },
];

interface PlainHook {
  run(buffer: ArrayBuffer): ArrayBuffer;
  install(namespace: object, items: string): string;
}

/** The floor: prelude + behaviors in a V8 context, fed the same group inputs. */
function plainTick(hooks: PlainHook[], batch: ObservationBatch, actions: Float64Array): void {
  let record = 0;
  for (let g = 0; g < batch.groupCount; g++) {
    const base = g * GROUP_FIELDS;
    const agents = batch.groups[base + GROUP_AGENTS];
    const input = packGroupInput(
      batch.records,
      batch.groups[base + GROUP_START],
      batch.groups[base + GROUP_LENGTH],
      agents,
      batch,
      g,
    );
    const out = new Float64Array(hooks[batch.groups[base + GROUP_SLOT]].run(input));
    actions.set(out.subarray(0, agents * ACTION_STRIDE), record * ACTION_STRIDE);
    record += agents;
  }
}

interface SandboxFigures {
  latency: Float64Array;
  engine: Float64Array;
  workerTimes: number[];
  slots: number[];
}

/** Sandbox latency per tick with `workers` live sandbox workers, one author per behavior. */
async function runSandbox(
  config: (typeof CONFIGS)[number],
  workers: number,
): Promise<SandboxFigures> {
  const { agents, behaviors } = config;
  process.stderr.write(
    `behavior.tick: ${agents} agents, ${behaviors} behaviors, ${workers} worker(s): loading\n`,
  );
  const runner = await BehaviorRunner.create({
    matchSeed: 1,
    itemIds: ITEM_IDS,
    workerUrl: SANDBOX_WORKER_URL,
    workers,
    // Generous budgets: the benchmark measures cost, not throttling.
    budget: { tickBudgetMs: 1_000, bucketMaxMs: 10_000, batchLimitMs: 2_000 },
    hardDeadlineMs: 30_000,
    validateTimeoutMs: 60_000,
  });
  for (let k = 0; k < behaviors; k++) {
    const loaded = await runner.hotLoad({
      behaviorId: `steer-${k}`,
      version: 1,
      author: `author-${k}`,
      source: steerModule(k),
    });
    if (!loaded.ok) throw new Error(`steer-${k}: ${JSON.stringify(loaded.errors)}`);
  }
  const world = createSyntheticWorld(agents, 42, 10);
  for (let u = 0; u < agents; u++) world.slot[u] = runner.slotOf(`steer-${u % behaviors}`);
  const scratch = createSyntheticScratch(world, behaviors);
  const workerTimes: number[] = [];
  runner.on('batch', (b) => workerTimes.push(b.elapsedMs));
  const latency = new Float64Array(config.ticks);
  const engine = new Float64Array(config.ticks);
  for (let t = -config.warmup; t < config.ticks; t++) {
    const e0 = performance.now();
    const batch = writeSyntheticBatch(world, scratch);
    const s0 = performance.now();
    runner.submit(batch);
    const s1 = performance.now();
    const result = runner.collect(world.intents, 30_000);
    const c1 = performance.now();
    if (result.status !== 'applied') throw new Error(`tick ${t}: ${result.status}`);
    stepSyntheticWorld(world);
    // Let the workers' reports in (they arrive on this thread's event loop), outside the timing.
    await new Promise((resolve) => setImmediate(resolve));
    if (t >= 0) {
      latency[t] = c1 - s0;
      engine[t] = s1 - e0; // encode + submit; decode is measured with the floor below
    }
  }
  workerTimes.splice(0, config.warmup * workers);
  const slots = Array.from({ length: behaviors }, (_, k) => runner.slotOf(`steer-${k}`));
  await runner.dispose();
  return { latency, engine, workerTimes, slots };
}

/** Plain-JS floor on the same world, same packed inputs, same decode. */
function runPlain(config: (typeof CONFIGS)[number], slots: number[]) {
  const { agents, behaviors } = config;
  const world = createSyntheticWorld(agents, 42, 10);
  for (let u = 0; u < agents; u++) world.slot[u] = slots[u % behaviors];
  const scratch = createSyntheticScratch(world, behaviors);
  const hooks: PlainHook[] = [];
  for (let k = 0; k < behaviors; k++) {
    // One realm per behavior, as in the sandbox (the prelude freezes its realm's intrinsics).
    const context = vm.createContext({});
    const source = steerFunction(k);
    const hook = vm.runInContext(guestPrelude(mentionedNames(source)), context) as PlainHook;
    const fn = vm.runInContext(`(${source})`, context) as object;
    hook.install({ default: fn }, JSON.stringify(ITEM_IDS));
    hooks[slots[k]] = hook;
  }
  const plain = new Float64Array(config.ticks);
  const decode = new Float64Array(config.ticks);
  const actions = new Float64Array(agents * ACTION_STRIDE);
  const rejections = new Uint32Array(behaviors * REJECT_REASON_COUNT);
  for (let t = -config.warmup; t < config.ticks; t++) {
    const batch = writeSyntheticBatch(world, scratch);
    const p0 = performance.now();
    plainTick(hooks, batch, actions);
    const p1 = performance.now();
    decodeActions(batch, actions, world.intents, rejections);
    const p2 = performance.now();
    stepSyntheticWorld(world);
    if (t >= 0) {
      plain[t] = p2 - p0;
      decode[t] = p2 - p1;
    }
  }
  return { plainMs: median(plain), decodeMs: median(decode) };
}

async function run(config: (typeof CONFIGS)[number]): Promise<void> {
  const { agents, behaviors } = config;
  let oneWorkerMs = NaN;
  for (const workers of WORKER_COUNTS) {
    const figures = await runSandbox(config, workers);
    const { plainMs, decodeMs } = runPlain(config, figures.slots);
    const medianMs = median(figures.latency);
    if (workers === 1) oneWorkerMs = medianMs;
    report({
      bench: 'behavior.tick',
      agents,
      behaviors,
      authors: behaviors,
      workers,
      median_ms: round3(medianMs),
      p99_ms: round3(percentile(figures.latency, 99)),
      worker_median_ms: round3(median(figures.workerTimes)),
      engine_median_ms: round3(median(figures.engine) + decodeMs),
      plain_median_ms: round3(plainMs),
      ratio: round3(medianMs / plainMs),
      // Latency with 1 worker over latency with this many.
      speedup: round3(oneWorkerMs / medianMs),
      target_ms: agents === 1000 ? 5 : 25,
      load_avg: round3(loadavg()[0]),
    });
  }
}

for (const config of CONFIGS) await run(config);
