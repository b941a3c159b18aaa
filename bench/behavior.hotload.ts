/**
 * Hot-load benchmark: time from `hotLoad` to the new version swapped in
 * (strip + compile + dry run in the validator worker, then compile +
 * memory carry-over + swap in the live worker), while a match of 1,000
 * agents on 10 behaviors runs at 20 Hz in the same thread. Each load
 * replaces one behavior driving 100 agents and carries their memory over.
 *
 * Run: node --expose-gc --import tsx bench/behavior.hotload.ts
 * One JSON line on stdout; progress on stderr.
 */
import { performance } from 'node:perf_hooks';
import {
  BehaviorRunner,
  createSyntheticScratch,
  createSyntheticWorld,
  stepSyntheticWorld,
  writeSyntheticBatch,
} from '../src/main/host/behaviors/sandbox/index';
import { ITEM_IDS, SANDBOX_WORKER_URL, steerModule } from './_behaviors';
import { median, percentile, report, round3 } from './_stats';

const AGENTS = 1000;
const BEHAVIORS = 10;
const LOADS = 30;
const TICK_MS = 50;

const runner = await BehaviorRunner.create({
  matchSeed: 1,
  itemIds: ITEM_IDS,
  workerUrl: SANDBOX_WORKER_URL,
  budget: { tickBudgetMs: 1_000, bucketMaxMs: 10_000, batchLimitMs: 2_000 },
  hardDeadlineMs: 30_000,
});
for (let k = 0; k < BEHAVIORS; k++) {
  const loaded = await runner.hotLoad({
    behaviorId: `steer-${k}`,
    version: 1,
    author: `author-${k}`,
    source: steerModule(k),
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
}
const world = createSyntheticWorld(AGENTS, 42, 10);
for (let u = 0; u < AGENTS; u++) world.slot[u] = runner.slotOf(`steer-${u % BEHAVIORS}`);
const scratch = createSyntheticScratch(world, BEHAVIORS);

// The match: a tick every TICK_MS on this thread, as the engine worker would run it.
let running = true;
const match = (async () => {
  const started = performance.now();
  for (let t = 0; running; t++) {
    runner.collect(world.intents, 5);
    stepSyntheticWorld(world);
    runner.submit(writeSyntheticBatch(world, scratch));
    await new Promise((r) =>
      setTimeout(r, Math.max(0, started + (t + 1) * TICK_MS - performance.now())),
    );
  }
})();

await new Promise((r) => setTimeout(r, 1_000));
process.stderr.write(`behavior.hotload: ${LOADS} loads during a ${AGENTS}-agent match\n`);
const total: number[] = [];
const validate: number[] = [];
const install: number[] = [];
const kept: number[] = [];
for (let i = 0; i < LOADS; i++) {
  const result = await runner.hotLoad({
    behaviorId: 'steer-0',
    version: i + 2,
    author: 'author-0',
    // A new source each time: a source that passed before would skip its dry run (hotLoader's cache).
    source: `${steerModule(i % 2 ? 0 : BEHAVIORS)}\n// load ${i}\n`,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  total.push(result.totalMs);
  validate.push(result.validateMs);
  install.push(result.installMs);
  kept.push(result.memoryKept);
  await new Promise((r) => setTimeout(r, 120));
}
running = false;
await match;
await runner.dispose();
report({
  bench: 'behavior.hotload',
  agents: AGENTS,
  behaviors: BEHAVIORS,
  loads: LOADS,
  median_ms: round3(median(total)),
  p99_ms: round3(percentile(total, 99)),
  validate_median_ms: round3(median(validate)),
  install_median_ms: round3(median(install)),
  memory_kept_median: median(kept),
});
