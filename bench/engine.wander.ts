/**
 * Wander benchmark: cost of one `stepWorld` tick (wander, integrate, walls,
 * separation) for 1,000 and 10,000 agents, against the floor of a bare
 * `integrateOnly` pass over the same arrays.
 *
 * Run: npx tsx bench/engine.wander.ts
 * Prints one JSON line per agent count to stdout; progress goes to stderr.
 *
 * The 10,000-agent run uses the arena scaled by sqrt(10) on each axis (walls
 * and spawn zones too), so the area per agent, and with it the density and
 * the neighbour count per query, matches the 1,000-agent run on the real
 * arena (about 1,600 square world units per agent).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createWorld, integrateOnly, stepWorld, type MapDef } from '../engine/index';
import { median, percentile, report, round3 } from './_stats';

const WARMUP_TICKS = 200;
const TIMED_TICKS = 1000;
const AGENT_COUNTS = [1000, 10_000];
const BASE_AGENTS = 1000;
const SEED = 12345;

const arena = JSON.parse(
  readFileSync(new URL('../resources/maps/arena.json', import.meta.url), 'utf8'),
) as MapDef;

function scaleMap(map: MapDef, s: number): MapDef {
  const rect = <T extends { x: number; y: number; w: number; h: number }>(r: T): T => ({
    ...r,
    x: r.x * s,
    y: r.y * s,
    w: r.w * s,
    h: r.h * s,
  });
  return {
    name: `${map.name}-x${s.toFixed(2)}`,
    width: map.width * s,
    height: map.height * s,
    walls: map.walls.map(rect),
    spawns: map.spawns.map(rect),
  };
}

function run(agents: number): void {
  const map = scaleMap(arena, Math.sqrt(Math.max(1, agents / BASE_AGENTS)));
  const world = createWorld(map, { seed: SEED, agents });
  process.stderr.write(
    `engine.wander: ${agents} agents on ${map.width.toFixed(0)}×${map.height.toFixed(0)}, warming up\n`,
  );
  for (let i = 0; i < WARMUP_TICKS; i++) stepWorld(world);

  const step = new Float64Array(TIMED_TICKS);
  for (let i = 0; i < TIMED_TICKS; i++) {
    const t0 = performance.now();
    stepWorld(world);
    step[i] = performance.now() - t0;
  }
  const floor = new Float64Array(TIMED_TICKS);
  for (let i = 0; i < TIMED_TICKS; i++) {
    const t0 = performance.now();
    integrateOnly(world);
    floor[i] = performance.now() - t0;
  }
  const stepMedian = median(step);
  const floorMedian = median(floor);
  report({
    bench: 'engine.wander',
    agents,
    median_ms: round3(stepMedian),
    p99_ms: round3(percentile(step, 99)),
    floor_median_ms: round3(floorMedian),
    ratio: round3(stepMedian / floorMedian),
  });
}

for (const agents of AGENT_COUNTS) run(agents);
