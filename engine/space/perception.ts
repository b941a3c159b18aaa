import { KIND_AGENT, KIND_ITEM, KIND_PROJECTILE } from '../world/components';
import { teamGridCell } from './teamGrid';
import { RAY_X0, RAY_X1, RAY_Y0, RAY_Y1, castRay } from './raycast';
import { grownCopy } from '../world/typedArrays';
import type { World } from '../world/world';
import type { SightScratch } from '../world/worldPools';
export type { SightScratch };

/**
 * Perception: what a unit can see. An entity is visible to unit `i` when
 * it lies within a radius of `i`'s centre and no wall crosses the straight
 * line between the two centres. Queries go through the spatial grids, so
 * their cost follows the crowd near the unit, not the world's size.
 *
 * Results that mix kinds are entity refs: `(kind << ENTITY_REF_SHIFT) |
 * index`, kind being KIND_AVATAR/AGENT (both unit indices),
 * KIND_PROJECTILE or KIND_ITEM (pool indices).
 */

/** Bits of an entity ref that hold the index. */
export const ENTITY_REF_SHIFT = 24;
const INDEX_MASK = (1 << ENTITY_REF_SHIFT) - 1;

/** The ref of entity `index` of kind `kind` (units use KIND_AGENT for both kinds of unit). */
export function entityRef(kind: number, index: number): number {
  return (kind << ENTITY_REF_SHIFT) | index;
}

/** Kind part of a ref: KIND_AGENT for any unit, KIND_PROJECTILE or KIND_ITEM. */
export function refKind(ref: number): number {
  return ref >>> ENTITY_REF_SHIFT;
}

/** Index part of a ref: a unit index or a pool index, by `refKind`. */
export function refIndex(ref: number): number {
  return ref & INDEX_MASK;
}

/** Candidates per query at most (sort keys pack the candidate's position below this). */
const CANDIDATE_SCALE = 1 << 16;

/** Candidate buffers for `collectVisible`; they grow on demand up to 65,536 candidates. */
export function createSightScratch(): SightScratch {
  return { key: new Float64Array(256), kind: new Uint8Array(256), index: new Int32Array(256) };
}

/**
 * Writes into `out` the refs of the entities unit `i` sees within
 * `radius` world units, nearest first, at most `out.length` of them: other
 * live units, projectiles and ground items not yet taken, each with a
 * clear line of sight. Candidates in range are sorted by distance first and
 * rays cast nearest first until `out` is full, so a crowd costs a sort, not
 * a ray per unit in range. Equal distances (to 1/16 of a squared world
 * unit) keep candidate order: units team by team in grid order, then
 * projectiles and items in pool order — deterministic. Returns how many it
 * wrote. Allocates nothing once the scratch has grown to the crowd.
 *
 * This is the one definition of what a unit perceives: behaviors' observations
 * (`observeAgent`) are built from it.
 */
export function collectVisible(world: World, i: number, radius: number, out: Int32Array): number {
  const cx = world.x[i];
  const cy = world.y[i];
  const r2 = radius * radius;
  const sight = world.scratch.sight;
  let n = collectUnitCandidates(world, i, radius, sight);
  const shots = world.projectiles;
  for (let j = 0; j < shots.count; j++) {
    const dx = shots.x[j] - cx;
    const dy = shots.y[j] - cy;
    const d2 = dx * dx + dy * dy;
    if (d2 <= r2) n = addCandidate(sight, n, KIND_PROJECTILE, j, d2);
  }
  const items = world.groundItems;
  for (let j = 0; j < items.count; j++) {
    if (items.qty[j] === 0) continue;
    const dx = items.x[j] - cx;
    const dy = items.y[j] - cy;
    const d2 = dx * dx + dy * dy;
    if (d2 <= r2) n = addCandidate(sight, n, KIND_ITEM, j, d2);
  }
  // Nearest first; equal distances in candidate order.
  const keys = sight.key.subarray(0, n).sort();
  const ray = world.scratch.ray;
  ray[RAY_X0] = cx;
  ray[RAY_Y0] = cy;
  let seen = 0;
  for (let c = 0; c < n && seen < out.length; c++) {
    const at = keys[c] % CANDIDATE_SCALE;
    const kind = sight.kind[at];
    const j = sight.index[at];
    ray[RAY_X1] =
      kind === KIND_AGENT ? world.x[j] : kind === KIND_PROJECTILE ? shots.x[j] : items.x[j];
    ray[RAY_Y1] =
      kind === KIND_AGENT ? world.y[j] : kind === KIND_PROJECTILE ? shots.y[j] : items.y[j];
    if (castRay(world.walls, ray, true)) continue;
    out[seen++] = entityRef(kind, j);
  }
  return seen;
}

/** The live units (every team) within `radius` of unit `i`, from the perception grid, as candidates. */
function collectUnitCandidates(
  world: World,
  i: number,
  radius: number,
  sight: SightScratch,
): number {
  const grid = world.perceptionGrid;
  const { x, y } = world;
  const alive = world.health.alive;
  const cx = x[i];
  const cy = y[i];
  const { cols, rows, teams, cellStart, unit } = grid;
  const cells = cols * rows;
  const inv = 1 / grid.cellSize;
  const c0 = teamGridCell(cx - radius, inv, cols);
  const c1 = teamGridCell(cx + radius, inv, cols);
  const r0 = teamGridCell(cy - radius, inv, rows);
  const r1 = teamGridCell(cy + radius, inv, rows);
  const r2 = radius * radius;
  let n = 0;
  for (let t = 0; t < teams; t++) {
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        const bucket = t * cells + row * cols + col;
        const end = cellStart[bucket + 1];
        for (let m = cellStart[bucket]; m < end; m++) {
          const j = unit[m];
          if (j === i || alive[j] === 0) continue;
          const dx = x[j] - cx;
          const dy = y[j] - cy;
          const d2 = dx * dx + dy * dy;
          if (d2 <= r2) n = addCandidate(sight, n, KIND_AGENT, j, d2);
        }
      }
    }
  }
  return n;
}

/** Appends a candidate; its sort key is the squared distance (1/16 steps), then its position. */
function addCandidate(
  sight: SightScratch,
  n: number,
  kind: number,
  index: number,
  d2: number,
): number {
  if (n >= sight.key.length) {
    const size = Math.min(CANDIDATE_SCALE, sight.key.length * 2);
    if (n >= size) return n;
    sight.key = grownCopy(sight.key, size);
    sight.kind = grownCopy(sight.kind, size);
    sight.index = grownCopy(sight.index, size);
  }
  sight.key[n] = Math.floor(d2 * 16) * CANDIDATE_SCALE + n;
  sight.kind[n] = kind;
  sight.index[n] = index;
  return n + 1;
}

/**
 * Finds the enemies of unit `i` (live units of another team) within
 * `radius` world units, ignoring walls, and writes the nearest `max` (the
 * buffers' length) into `outIndex` with their squared distances in
 * `outD2`, nearest first. Returns how many. Searches the perception grid
 * in rings of cells around the unit and stops once no unvisited cell can
 * hold anything nearer than the farthest kept enemy, so in a crowd it
 * reads a few cells, not the whole radius. Deterministic (fixed ring and
 * cell order; ties keep the first found). Allocates nothing: the built-in
 * AI's target search.
 */
export function nearestEnemies(
  world: World,
  i: number,
  radius: number,
  outIndex: Int32Array,
  outD2: Float64Array,
): number {
  const grid = world.perceptionGrid;
  const alive = world.health.alive;
  const cx = world.x[i];
  const cy = world.y[i];
  const myTeam = world.team[i];
  const { cols, rows, teams, cellSize, cellStart, unit, px, py } = grid;
  const cells = cols * rows;
  const inv = 1 / cellSize;
  const col = teamGridCell(cx, inv, cols);
  const row = teamGridCell(cy, inv, rows);
  const c0 = teamGridCell(cx - radius, inv, cols);
  const c1 = teamGridCell(cx + radius, inv, cols);
  const r0 = teamGridCell(cy - radius, inv, rows);
  const r1 = teamGridCell(cy + radius, inv, rows);
  const rings = Math.max(col - c0, c1 - col, row - r0, r1 - row);
  const max = outIndex.length < outD2.length ? outIndex.length : outD2.length;
  let n = 0;
  // Squared distance an enemy must beat to enter the list.
  let bound = radius * radius;
  for (let k = 0; k <= rings; k++) {
    const rowLo = row - k < r0 ? r0 : row - k;
    const rowHi = row + k > r1 ? r1 : row + k;
    for (let rr = rowLo; rr <= rowHi; rr++) {
      // Rows at the ring's edge are scanned whole; rows inside it only at the two ends.
      const edge = rr === row - k || rr === row + k;
      const step = edge || k === 0 ? 1 : 2 * k;
      for (let cc = col - k; cc <= col + k; cc += step) {
        if (cc < c0 || cc > c1) continue;
        for (let t = 0; t < teams; t++) {
          if (t === myTeam) continue;
          const bucket = t * cells + rr * cols + cc;
          const end = cellStart[bucket + 1];
          for (let m = cellStart[bucket]; m < end; m++) {
            const dx = px[m] - cx;
            const dy = py[m] - cy;
            const d2 = dx * dx + dy * dy;
            if (d2 > bound || (n === max && d2 === bound)) continue;
            // Killed since the grid was filed.
            const j = unit[m];
            if (alive[j] === 0) continue;
            // Insertion into the sorted list (it is short).
            let at = n < max ? n++ : max - 1;
            while (at > 0 && outD2[at - 1] > d2) {
              outIndex[at] = outIndex[at - 1];
              outD2[at] = outD2[at - 1];
              at--;
            }
            outIndex[at] = j;
            outD2[at] = d2;
            if (n === max) bound = outD2[max - 1];
          }
        }
      }
    }
    // Every cell of the next ring is at least `gap` from the unit.
    const gap = Math.min(
      cx - (col - k) * cellSize,
      (col + k + 1) * cellSize - cx,
      cy - (row - k) * cellSize,
      (row + k + 1) * cellSize - cy,
    );
    if (gap > 0 && gap * gap > bound) break;
  }
  return n;
}

/**
 * Writes into `out` the indices of the walls (map.walls order) whose
 * rectangle comes within `radius` world units of (x, y), ascending.
 * Returns how many (at most `out.length`). Allocates nothing.
 */
export function collectNearbyWalls(
  world: World,
  x: number,
  y: number,
  radius: number,
  out: Int32Array,
): number {
  const { minX, minY, maxX, maxY } = world.walls;
  const r2 = radius * radius;
  let n = 0;
  for (let w = 0; w < minX.length && n < out.length; w++) {
    const qx = x < minX[w] ? minX[w] : x > maxX[w] ? maxX[w] : x;
    const qy = y < minY[w] ? minY[w] : y > maxY[w] ? maxY[w] : y;
    const dx = x - qx;
    const dy = y - qy;
    if (dx * dx + dy * dy <= r2) out[n++] = w;
  }
  return n;
}
