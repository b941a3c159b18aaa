import { nextInt, nextUint32 } from '../sim/rng';
import { resolveAgentWalls } from '../systems/walls';
import { circleHitsWallAt } from '../space/wallIndex';
import type { SpawnZone } from './map';
import type { World } from './world';

const TWO_POW_32 = 4294967296;
/** Random points tried per unit before settling for one that overlaps another unit. */
const SPAWN_TRIES = 12;

/**
 * Places units `from .. to-1` (slots initialised, `team` set) at random
 * points in their team's spawn zones, clear of walls and, when one of a
 * few tries finds room, of every other unit placed so far; gives each a
 * random facing and a staggered first wander wait. Allocates a throw-away
 * occupancy grid: spawning is not on the per-tick path.
 */
export function placeNewUnits(world: World, from: number, to: number): void {
  const occupancy = createOccupancy(world, to);
  for (let i = 0; i < from; i++) if (world.health.alive[i]) occupy(occupancy, world, i);
  for (let i = from; i < to; i++) {
    placeInZone(world, i, occupancy);
    occupy(occupancy, world, i);
  }
}

/**
 * Places one unit (a respawn, a joining player) at a random point of its
 * team's spawn zone, clear of walls and, if a few tries find room, of the
 * live units filed in `world.grid`.
 */
export function placeUnit(world: World, i: number): void {
  placeInZone(world, i, null);
}

/** With `occupancy` null, overlap is checked against `world.grid` (no allocation). */
function placeInZone(world: World, i: number, occupancy: Occupancy | null): void {
  const { rng, walls } = world;
  const r = world.agentRadius;
  const zone = zoneFor(world, world.team[i]);
  // Keep the whole circle inside the zone where it is wide enough.
  const x0 = zone.w > 2 * r ? zone.x + r : zone.x + zone.w / 2;
  const x1 = zone.w > 2 * r ? zone.x + zone.w - r : x0;
  const y0 = zone.h > 2 * r ? zone.y + r : zone.y + zone.h / 2;
  const y1 = zone.h > 2 * r ? zone.y + zone.h - r : y0;
  let px = x0;
  let py = y0;
  let clearOfWalls = false;
  // Candidates live in the probe buffer: passing them as doubles would box them.
  const at = world.scratch.probe;
  for (let attempt = 0; attempt < SPAWN_TRIES; attempt++) {
    at[0] = x0 + (x1 - x0) * (nextUint32(rng) / TWO_POW_32);
    at[1] = y0 + (y1 - y0) * (nextUint32(rng) / TWO_POW_32);
    if (circleHitsWallAt(walls, at, r)) continue;
    px = at[0];
    py = at[1];
    clearOfWalls = true;
    if (occupancy ? !overlapsUnit(occupancy, world, at) : !overlapsGrid(world, at)) break;
  }
  world.x[i] = px;
  world.y[i] = py;
  world.vx[i] = 0;
  world.vy[i] = 0;
  const heading = -Math.PI + 2 * Math.PI * (nextUint32(rng) / TWO_POW_32);
  world.heading[i] = heading;
  world.combat.aimX[i] = Math.cos(heading);
  world.combat.aimY[i] = Math.sin(heading);
  // Staggered first waits keep the population from turning in lockstep.
  world.wanderTicks[i] = nextInt(rng, 1, world.timing.wanderMaxTicks);
  world.ai.goalX[i] = px;
  world.ai.goalY[i] = py;
  // Every try hit a wall (a zone drawn over walls): push out to the nearest face.
  if (!clearOfWalls) resolveAgentWalls(world, i);
}

/** One of `team`'s spawn zones (drawn from the RNG only when it has several). */
function zoneFor(world: World, team: number): SpawnZone {
  const zones = world.teamZones[team];
  const pick = zones.length === 1 ? 0 : nextInt(world.rng, 0, zones.length - 1);
  return world.map.spawns[zones[pick]];
}

/** True when a live unit filed in `world.grid` lies within one diameter of (at[0], at[1]). */
function overlapsGrid(world: World, at: Float64Array): boolean {
  const cx = at[0];
  const cy = at[1];
  const { cols, rows, cellSize, cellStart, cellItems } = world.grid;
  const d = 2 * world.agentRadius;
  const c0 = clampCell((cx - d) / cellSize, cols);
  const c1 = clampCell((cx + d) / cellSize, cols);
  const r0 = clampCell((cy - d) / cellSize, rows);
  const r1 = clampCell((cy + d) / cellSize, rows);
  const { x, y } = world;
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const cell = row * cols + col;
      for (let k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
        const j = cellItems[k];
        const dx = x[j] - cx;
        const dy = y[j] - cy;
        if (dx * dx + dy * dy < d * d) return true;
      }
    }
  }
  return false;
}

function clampCell(v: number, n: number): number {
  if (!(v > 0)) return 0;
  const c = v | 0;
  return c >= n ? n - 1 : c;
}

/** Linked-list grid (cells of one diameter) that units are added to one by one. */
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

function overlapsUnit(o: Occupancy, world: World, at: Float64Array): boolean {
  const cx = at[0];
  const cy = at[1];
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
