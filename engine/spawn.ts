import { resolveAgentWalls } from './systems/walls';
import { nextInt, nextRange } from './rng';
import { WANDER_MAX_SECONDS } from './systems/wander';
import { circleHitsWall } from './wallIndex';
import type { World } from './world';

/** Random points tried per agent before settling for one that overlaps another agent. */
const SPAWN_TRIES = 12;

/**
 * Initialises agents `from .. to-1` (slots already allocated): a new id,
 * team `spawns[i % spawns.length].team`, a random point in that zone clear
 * of walls and, when one of a few tries finds room, of every other agent;
 * a random heading and a random first wander wait. Allocates a throw-away
 * occupancy grid: spawning is not on the per-tick path.
 */
export function spawnAgents(world: World, from: number, to: number): void {
  const { map, rng, walls } = world;
  const r = world.agentRadius;
  const occupancy = createOccupancy(world, to);
  for (let i = 0; i < from; i++) occupy(occupancy, world, i);
  for (let i = from; i < to; i++) {
    const zone = map.spawns[i % map.spawns.length];
    // Keep the whole circle inside the zone where it is wide enough.
    const x0 = zone.w > 2 * r ? zone.x + r : zone.x + zone.w / 2;
    const x1 = zone.w > 2 * r ? zone.x + zone.w - r : x0;
    const y0 = zone.h > 2 * r ? zone.y + r : zone.y + zone.h / 2;
    const y1 = zone.h > 2 * r ? zone.y + zone.h - r : y0;
    let px = x0;
    let py = y0;
    let clearOfWalls = false;
    for (let attempt = 0; attempt < SPAWN_TRIES; attempt++) {
      const cx = nextRange(rng, x0, x1);
      const cy = nextRange(rng, y0, y1);
      if (circleHitsWall(walls, cx, cy, r)) continue;
      px = cx;
      py = cy;
      clearOfWalls = true;
      if (!overlapsAgent(occupancy, world, cx, cy)) break;
    }
    world.id[i] = world.nextId++;
    world.team[i] = zone.team;
    world.x[i] = px;
    world.y[i] = py;
    world.vx[i] = 0;
    world.vy[i] = 0;
    world.heading[i] = nextRange(rng, -Math.PI, Math.PI);
    // Staggered first waits keep the population from turning in lockstep.
    world.wanderTicks[i] = nextInt(rng, 1, Math.round(WANDER_MAX_SECONDS * world.tickRate));
    // Every try hit a wall (a zone drawn over walls): push out to the nearest face.
    if (!clearOfWalls) resolveAgentWalls(world, i);
    occupy(occupancy, world, i);
  }
}

/** Linked-list grid (cells of one diameter) that agents are added to one by one. */
interface Occupancy {
  cellSize: number;
  cols: number;
  rows: number;
  head: Int32Array;
  next: Int32Array;
}

function createOccupancy(world: World, capacity: number): Occupancy {
  const cellSize = 2 * world.agentRadius;
  const cols = Math.max(1, Math.ceil(world.map.width / cellSize));
  const rows = Math.max(1, Math.ceil(world.map.height / cellSize));
  return {
    cellSize,
    cols,
    rows,
    head: new Int32Array(cols * rows).fill(-1),
    next: new Int32Array(capacity),
  };
}

function cellOf(o: Occupancy, v: number, last: number): number {
  const c = Math.floor(v / o.cellSize);
  return c < 0 ? 0 : c > last ? last : c;
}

function occupy(o: Occupancy, world: World, i: number): void {
  const cell = cellOf(o, world.y[i], o.rows - 1) * o.cols + cellOf(o, world.x[i], o.cols - 1);
  o.next[i] = o.head[cell];
  o.head[cell] = i;
}

function overlapsAgent(o: Occupancy, world: World, cx: number, cy: number): boolean {
  const d = 2 * world.agentRadius;
  const c0 = cellOf(o, cx - d, o.cols - 1);
  const c1 = cellOf(o, cx + d, o.cols - 1);
  const r0 = cellOf(o, cy - d, o.rows - 1);
  const r1 = cellOf(o, cy + d, o.rows - 1);
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      for (let j = o.head[row * o.cols + col]; j !== -1; j = o.next[j]) {
        const dx = world.x[j] - cx;
        const dy = world.y[j] - cy;
        if (dx * dx + dy * dy < d * d) return true;
      }
    }
  }
  return false;
}
