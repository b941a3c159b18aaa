/**
 * Full-match benchmark: the cost of one `stepWorld` tick with every system
 * on (built-in AI with perception and line of sight, movement, walls,
 * separation, projectiles, damage, death and respawn, drops and pickups,
 * skills, scoring) for 1,000 and 10,000 bots, against the floor of a bare
 * `integrateOnly` pass over the same arrays in the same run.
 *
 * Run: node --expose-gc --import tsx bench/engine.tick.ts  (npm run bench -- engine.tick)
 * Prints one JSON line per agent count to stdout; progress goes to stderr.
 *
 * The 10,000-bot run plays on ten copies of the arena tiled 5 × 2 in one
 * border (each copy with its inner walls and spawn zones, a team
 * respawning in any of its ten zones), so the density, the distance from
 * spawn to the fight and with them the share of bots in combat match the
 * 1,000-bot run on one arena; health potion
 * spawners are laid on a 400-unit lattice (where clear of walls) on both. Bots carry the default loadout (short bow, potion). After a
 * warm-up that lets the teams meet, `ticks` ticks are timed one by one;
 * `heap_growth_mb` is the heap in use after a full GC at the end minus the
 * same at the start (near zero: nothing leaks), and `gc_count` the
 * collections V8 ran during the timed ticks (near zero: the tick does not
 * allocate). `projectiles_per_agent` is the mean projectiles in flight per
 * bot over the timed ticks. `cpu_median_ms`/`cpu_p99_ms` time a further
 * window in process CPU time, which other processes on a shared machine
 * cannot inflate.
 */
import { readFileSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import {
  circleHitsWall,
  createWallIndex,
  createWorld,
  integrateOnly,
  stepWorld,
  type ItemDef,
  type MapDef,
  type PickupSpawner,
} from '../engine/index';
import { median, percentile, report, round3 } from './_stats';

const CASES = [
  { agents: 1000, tiles: [1, 1], warmup: 600, ticks: 10_000, cpuTicks: 2000 },
  { agents: 10_000, tiles: [5, 2], warmup: 1200, ticks: 3000, cpuTicks: 1000 },
];
const FLOOR_TICKS = 1000;
const SEED = 12345;
const SPAWNER_SPACING = 400;

const arena = readJson<MapDef>('../resources/maps/arena.json');
const items = readJson<{ items: ItemDef[] }>('../resources/items.json').items;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
}

/**
 * `cols` × `rows` copies of `map` side by side, spawn zones and inner
 * walls included; the copies' border walls (those touching the map edge)
 * give way to one border around the whole, so bots roam across tiles.
 */
function tileMap(map: MapDef, cols: number, rows: number): MapDef {
  const width = map.width * cols;
  const height = map.height * rows;
  const t = 20;
  const tiled: MapDef = {
    name: `${map.name}-${cols}x${rows}`,
    width,
    height,
    walls: [
      { x: 0, y: 0, w: width, h: t },
      { x: 0, y: height - t, w: width, h: t },
      { x: 0, y: t, w: t, h: height - 2 * t },
      { x: width - t, y: t, w: t, h: height - 2 * t },
    ],
    spawns: [],
  };
  const inner = map.walls.filter(
    (w) => w.x > 0 && w.y > 0 && w.x + w.w < map.width && w.y + w.h < map.height,
  );
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const dx = col * map.width;
      const dy = row * map.height;
      for (const wall of inner) tiled.walls.push({ ...wall, x: wall.x + dx, y: wall.y + dy });
      for (const zone of map.spawns) tiled.spawns.push({ ...zone, x: zone.x + dx, y: zone.y + dy });
    }
  }
  tiled.pickups = potionLattice(tiled);
  return tiled;
}

function potionLattice(map: MapDef): PickupSpawner[] {
  const walls = createWallIndex(map.walls, map.width, map.height, 32, 16);
  const out: PickupSpawner[] = [];
  for (let y = SPAWNER_SPACING / 2; y < map.height; y += SPAWNER_SPACING) {
    for (let x = SPAWNER_SPACING / 2; x < map.width; x += SPAWNER_SPACING) {
      if (!circleHitsWall(walls, x, y, 16)) {
        out.push({ x, y, item: 'health_potion', respawnSeconds: 10 });
      }
    }
  }
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) process.stderr.write('engine.tick: run with --expose-gc for heap figures\n');
let gcCount = 0;
const observer = new PerformanceObserver((list) => {
  gcCount += list.getEntries().length;
});
observer.observe({ entryTypes: ['gc'] });

function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / (1024 * 1024);
}

/** Lets queued performance entries (GC events) reach the observer. */
function drainEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

interface Case {
  agents: number;
  /** Arena copies across and down. */
  tiles: number[];
  warmup: number;
  /** Ticks timed in wall-clock time, with the heap and GC watched. */
  ticks: number;
  /** Ticks timed in process CPU time afterwards. */
  cpuTicks: number;
}

async function run({ agents, tiles, warmup, ticks, cpuTicks }: Case): Promise<void> {
  const map = tileMap(arena, tiles[0], tiles[1]);
  const world = createWorld(map, { seed: SEED, agents, items, config: { matchSeconds: 0 } });
  process.stderr.write(
    `engine.tick: ${agents} bots on ${map.width.toFixed(0)}×${map.height.toFixed(0)}, ` +
      `${map.pickups?.length ?? 0} spawners, warming up ${warmup} ticks\n`,
  );
  for (let i = 0; i < warmup; i++) stepWorld(world);

  const step = new Float64Array(ticks);
  let projectiles = 0;
  const heapBefore = heapMb();
  await drainEvents();
  const gcBefore = gcCount;
  for (let i = 0; i < ticks; i++) {
    const t0 = performance.now();
    stepWorld(world);
    step[i] = performance.now() - t0;
    projectiles += world.projectiles.count;
  }
  await drainEvents();
  const collections = gcCount - gcBefore;
  const heapAfter = heapMb();

  // A second window timed in process CPU time: what the tick costs when the
  // machine is shared (the wall-clock p99 includes time other processes held
  // the core). Separate because process.cpuUsage() allocates.
  const cpu = new Float64Array(cpuTicks);
  for (let i = 0; i < cpuTicks; i++) {
    const c0 = process.cpuUsage();
    stepWorld(world);
    const c1 = process.cpuUsage(c0);
    cpu[i] = (c1.user + c1.system) / 1000;
  }

  const floor = new Float64Array(FLOOR_TICKS);
  for (let i = 0; i < FLOOR_TICKS; i++) {
    const t0 = performance.now();
    integrateOnly(world);
    floor[i] = performance.now() - t0;
  }
  const stepMedian = median(step);
  const floorMedian = median(floor);
  report({
    bench: 'engine.tick',
    agents,
    median_ms: round3(stepMedian),
    p99_ms: round3(percentile(step, 99)),
    cpu_median_ms: round3(median(cpu)),
    cpu_p99_ms: round3(percentile(cpu, 99)),
    floor_median_ms: round3(floorMedian),
    ratio: Math.round(stepMedian / floorMedian),
    heap_growth_mb: gc ? round3(heapAfter - heapBefore) : null,
    gc_count: collections,
    ticks,
    projectiles_per_agent: round3(projectiles / ticks / agents),
    ground_items: world.groundItems.count,
  });
}

for (const c of CASES) await run(c);
observer.disconnect();
