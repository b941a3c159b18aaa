/**
 * Agent inspector overhead: the engine worker's tick time (the real worker,
 * src/main/host/match/engineWorker.ts, with the sandbox running the shipped
 * `hunter` behavior for every bot) while the inspector follows one agent,
 * against the same match while nobody inspects. Phases alternate (off, on,
 * off, on…) so drift on a shared machine falls on both sides alike; the
 * first stats of each phase (which straddle the switch) are left out.
 *
 * Run: npm run bench -- inspect.overhead
 * One JSON line: tick_p99_ms_without / _with, tick_median_ratio and
 * tick_p99_ratio (with / without; target ≤ 1.05), inspections_per_s (the
 * `inspect` events the worker sent while on: about 10 a second), load_avg.
 * The tick figures come from a shared, loaded machine; the in-process
 * figures beside them (capture_us_per_tick: the inspector's work inside
 * every tick; inspect_call_us: one inspection built, ~10 a second) say what
 * the inspector itself costs, whatever the load; own_cost_ratio is that
 * cost over the median tick without it.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { EngineHost, loadItems, loadMap } from '../src/main/host/match/index';
import { builtInConfig } from '../src/main/host/api/configHandlers';
import { KIND_AGENT, createWorld, stepWorld } from '../engine/index';
import { AgentInspector } from '../src/main/host/inspect/agentInspector';
import { median, percentile, report, round3 } from './_stats';

const ROOT = join(import.meta.dirname, '..');
const RESOURCES = join(ROOT, 'resources');
const AGENTS = 200;
/** Simulation speed: more ticks per wall second, so each phase has enough samples. */
const SPEED = 4;
const PHASE_MS = 4_000;
const PHASES = 8;

/** The inspector's own work, in this thread, on the same scene: µs per tick and per inspection. */
function inProcess(
  map: Parameters<typeof createWorld>[0],
  config: ReturnType<typeof builtInConfig>,
  items: Parameters<typeof createWorld>[1]['items'],
): { captureUs: number; inspectUs: number } {
  const world = createWorld(map, { seed: 7, agents: AGENTS, config, items });
  const inspector = new AgentInspector();
  let agentId = -1;
  for (let u = 0; u < world.count && agentId < 0; u++)
    if (world.kind[u] === KIND_AGENT) agentId = world.id[u];
  inspector.follow([agentId]);
  const capture: number[] = [];
  const inspect: number[] = [];
  for (let t = 0; t < 400; t++) {
    let begun = performance.now();
    inspector.beforeStep(world);
    let took = performance.now() - begun;
    stepWorld(world);
    begun = performance.now();
    inspector.afterStep(world);
    took += performance.now() - begun;
    capture.push(took * 1000);
    begun = performance.now();
    inspector.inspect(world, agentId, null, [], false);
    inspect.push((performance.now() - begun) * 1000);
  }
  return { captureUs: median(capture.slice(50)), inspectUs: median(inspect.slice(50)) };
}

async function main(): Promise<void> {
  const config = builtInConfig();
  const map = await loadMap(RESOURCES, config.map);
  const { items } = await loadItems(RESOURCES);
  const own = inProcess(map, config, items);
  const engine = new EngineHost(new URL('../src/main/host/match/engineWorker.ts', import.meta.url));
  await engine.start(map, { config, seed: 7, agents: AGENTS }, items);
  const source = await readFile(join(RESOURCES, 'behaviors', 'hunter.js'), 'utf8');
  const loaded = await engine.behaviorHotLoad({
    behaviorId: 'hunter',
    version: 1,
    author: 'arbiter',
    source,
  });
  if (!loaded.ok) throw new Error(`hunter did not load: ${JSON.stringify(loaded)}`);
  for (let team = 0; team < config.teams.length; team++) {
    await engine.behaviorAssign({ team }, 'hunter');
  }
  await engine.setSpeed(SPEED);
  const status = await engine.behaviorStatus();
  const agentId = status.agents[0].id;

  let phaseOn = false;
  let skipNext = true;
  const samples = { off: [] as number[], on: [] as number[] };
  let inspections = 0;
  engine.on('inspect', () => inspections++);
  engine.on('stats', (stats) => {
    if (skipNext) {
      skipNext = false;
      return;
    }
    samples[phaseOn ? 'on' : 'off'].push(...stats.tickSamples);
  });

  // Warm-up: the sandbox and V8 settle before anything is counted.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  let onMs = 0;
  for (let phase = 0; phase < PHASES; phase++) {
    phaseOn = phase % 2 === 1;
    await engine.inspect(phaseOn ? [agentId] : [], phaseOn ? agentId : null);
    skipNext = true;
    process.stderr.write(
      `inspect.overhead: phase ${phase + 1}/${PHASES} (${phaseOn ? 'on' : 'off'})\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
    if (phaseOn) onMs += PHASE_MS;
  }
  await engine.inspect([], null);
  await engine.stop();
  await engine.dispose();

  const without = { median: median(samples.off), p99: percentile(samples.off, 99) };
  const withInspector = { median: median(samples.on), p99: percentile(samples.on, 99) };
  report({
    bench: 'inspect.overhead',
    agents: AGENTS,
    behavior: 'hunter',
    speed: SPEED,
    ticks_without: samples.off.length,
    ticks_with: samples.on.length,
    tick_median_ms_without: round3(without.median),
    tick_median_ms_with: round3(withInspector.median),
    tick_p99_ms_without: round3(without.p99),
    tick_p99_ms_with: round3(withInspector.p99),
    tick_median_ratio: round3(withInspector.median / without.median),
    tick_p99_ratio: round3(withInspector.p99 / without.p99),
    inspections_per_s: round3((inspections * 1000) / onMs),
    capture_us_per_tick: round3(own.captureUs),
    inspect_call_us: round3(own.inspectUs),
    // The inspector's own cost per tick (capture every tick, an inspection every ~100 ms) over the
    // median tick without it: what the ratio is once the machine's noise is taken out.
    own_cost_ratio: round3(
      (without.median +
        (own.captureUs + (own.inspectUs * inspections) / Math.max(1, samples.on.length)) / 1000) /
        without.median,
    ),
    load_avg: round3(loadavg()[0]),
  });
}

await main();
