/**
 * Behavior memory benchmark: 10 authors, each with a behavior that keeps
 * what it allocates in small pieces (1 KiB strings and arrays) until its
 * author's wasm instance reaches the cap, beside one calm author whose
 * agents only move. Host RSS growth must stay within authors × cap + 50
 * MiB (each instance is capped; an ended one is dropped), and the calm
 * author's agents must keep moving.
 *
 * Run: npm run bench -- behavior.memory. One JSON line on stdout.
 * rss_growth_mb: peak RSS during the run minus RSS once everything was
 * loaded; others_ticked: ticks on which every calm agent acted;
 * capped: bomb authors whose instance ended with "memory limit exceeded".
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_SANDBOX_LIMITS,
  BehaviorRunner,
  createSyntheticScratch,
  createSyntheticWorld,
  stepSyntheticWorld,
  writeSyntheticBatch,
} from '../src/main/host/behaviors/sandbox/index';
import { ITEM_IDS, SANDBOX_WORKER_URL } from './_behaviors';
import { report, round3 } from './_stats';

const AUTHORS = 10;
const AGENTS_PER_BOMB = 2;
const CALM_AGENTS = 20;
const MAX_MS = Number(process.env.MAX_MS ?? 90_000);
const MIB = 1024 * 1024;

const BOMB = `const keep = [];
const piece = 'x'.repeat(1000);
export default function (obs, memory) {
  // From tick 5: the dry run (ticks 0-2) sees a calm behavior.
  // Pieces of about 1 KiB: strings and arrays (small next to the cap, few enough for a busy machine).
  if (obs.tick > 4) for (let i = 0; i < 2000; i++) keep.push(i % 2 ? new Array(128).fill(i) : piece + i);
  return { move: { x: 1, y: 0 } };
}`;
const CALM = `export default function (obs, memory) {
  memory.n = (memory.n || 0) + 1;
  return { move: { x: 1, y: 0 } };
}`;

const capBytes = DEFAULT_SANDBOX_LIMITS.memoryBytes;
const runner = await BehaviorRunner.create({
  matchSeed: 1,
  itemIds: ITEM_IDS,
  workerUrl: SANDBOX_WORKER_URL,
  // The bombs must reach the cap, not the CPU budget or the watchdog.
  budget: { tickBudgetMs: 1_000, bucketMaxMs: 10_000, batchLimitMs: 5_000 },
  suspendAfterFailures: 1_000,
  hardDeadlineMs: 30_000,
  validateTimeoutMs: 60_000,
});
const calm = await runner.hotLoad({ behaviorId: 'calm', version: 1, author: 'calm', source: CALM });
if (!calm.ok) throw new Error(JSON.stringify(calm.errors));
const bombSlots: number[] = [];
for (let k = 0; k < AUTHORS; k++) {
  const loaded = await runner.hotLoad({
    behaviorId: `bomb-${k}`,
    version: 1,
    author: `bomber-${k}`,
    // Each its own source (a comment): no dry run is reused.
    source: `${BOMB}\n// bomber ${k}`,
  });
  if (!loaded.ok) throw new Error(`bomb-${k}: ${JSON.stringify(loaded.errors)}`);
  bombSlots.push(loaded.slot);
}
const capped = new Set<string>();
runner.on('suspended', (e) => {
  if (e.error.name === 'MemoryLimit') capped.add(e.behaviorId);
});
const count = CALM_AGENTS + AUTHORS * AGENTS_PER_BOMB;
const world = createSyntheticWorld(count, 7, 6);
for (let u = 0; u < count; u++) {
  world.slot[u] = u < CALM_AGENTS ? calm.slot : bombSlots[(u - CALM_AGENTS) % AUTHORS];
}
const scratch = createSyntheticScratch(world, AUTHORS + 1);
const baseline = process.memoryUsage().rss;
let peak = baseline;
let ticks = 0;
let othersTicked = 0;
const started = performance.now();
process.stderr.write(`behavior.memory: ${AUTHORS} authors filling ${capBytes / MIB} MiB each\n`);
/** One tick: submit, collect, count the calm agents that acted, sample RSS, let reports in. */
async function tick(): Promise<void> {
  runner.submit(writeSyntheticBatch(world, scratch));
  runner.collect(world.intents, 10_000);
  let acted = 0;
  for (let u = 0; u < CALM_AGENTS; u++) if (world.intents.moveX[u] !== 0) acted++;
  if (acted === CALM_AGENTS) othersTicked++;
  stepSyntheticWorld(world);
  ticks++;
  peak = Math.max(peak, process.memoryUsage().rss);
  // The workers' reports (events, memory) arrive on this thread's event loop.
  await new Promise((resolve) => setImmediate(resolve));
}
while (capped.size < AUTHORS && performance.now() - started < MAX_MS) await tick();
// A few more ticks: the calm author runs on once every bomb is gone.
for (let t = 0; t < 20; t++) await tick();
const growthMb = (peak - baseline) / MIB;
const allowedMb = (AUTHORS * capBytes) / MIB + 50;
report({
  bench: 'behavior.memory',
  authors: AUTHORS,
  cap_mb: capBytes / MIB,
  capped: capped.size,
  rss_growth_mb: round3(growthMb),
  allowed_mb: allowedMb,
  within: growthMb <= allowedMb,
  ticks,
  others_ticked: othersTicked,
  workers: runner.workerCount,
  elapsed_ms: Math.round(performance.now() - started),
  load_avg: round3(loadavg()[0]),
});
await runner.dispose();
