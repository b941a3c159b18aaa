import { KIND_AGENT, KIND_ITEM, KIND_PROJECTILE } from './components';
import { ensureItemGrid } from './groundItems';
import type { SpatialGrid } from './grid';
import { ensureProjectileGrid } from './projectiles';
import { teamGridCell } from './teamGrid';
import { RAY_X0, RAY_X1, RAY_Y0, RAY_Y1, castRay } from './raycast';
import type { World } from './world';

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

/**
 * Writes into `out` the refs of the entities unit `i` sees within
 * `radius` world units: other live units, projectiles and ground items
 * (not yet taken), each with a clear line of sight, grouped by kind in that
 * order and, within a kind, in a fixed grid order (units team by team). Returns how many it wrote (at
 * most `out.length`). Allocates nothing.
 */
export function collectVisible(world: World, i: number, radius: number, out: Int32Array): number {
  let n = collectUnits(world, i, radius, out);
  const shots = world.projectiles;
  if (shots.count > 0 && n < out.length) {
    const grid = ensureProjectileGrid(world);
    n = collectFromGrid(world, i, radius, out, n, grid, shots.x, shots.y, KIND_PROJECTILE);
  }
  const items = world.groundItems;
  if (items.count > 0 && n < out.length) {
    const grid = ensureItemGrid(world);
    n = collectFromGrid(world, i, radius, out, n, grid, items.x, items.y, KIND_ITEM);
  }
  return n;
}

/** The unit part of `collectVisible`, from the perception grid (all teams, team by team). */
function collectUnits(world: World, i: number, radius: number, out: Int32Array): number {
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
  const ray = world.scratch.ray;
  ray[RAY_X0] = cx;
  ray[RAY_Y0] = cy;
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
          if (dx * dx + dy * dy > r2) continue;
          ray[RAY_X1] = x[j];
          ray[RAY_Y1] = y[j];
          if (castRay(world.walls, ray, true)) continue;
          if (n >= out.length) return n;
          out[n++] = entityRef(KIND_AGENT, j);
        }
      }
    }
  }
  return n;
}

function collectFromGrid(
  world: World,
  i: number,
  radius: number,
  out: Int32Array,
  n: number,
  grid: SpatialGrid,
  xs: Float64Array,
  ys: Float64Array,
  kind: number,
): number {
  const cx = world.x[i];
  const cy = world.y[i];
  const { cols, rows, cellStart, cellItems } = grid;
  const inv = 1 / grid.cellSize;
  const c0 = clampCell((cx - radius) * inv, cols);
  const c1 = clampCell((cx + radius) * inv, cols);
  const r0 = clampCell((cy - radius) * inv, rows);
  const r1 = clampCell((cy + radius) * inv, rows);
  const r2 = radius * radius;
  const qty = world.groundItems.qty;
  const ray = world.scratch.ray;
  ray[RAY_X0] = cx;
  ray[RAY_Y0] = cy;
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const cell = row * cols + col;
      const end = cellStart[cell + 1];
      for (let k = cellStart[cell]; k < end; k++) {
        const j = cellItems[k];
        if (kind === KIND_ITEM && qty[j] === 0) continue;
        const dx = xs[j] - cx;
        const dy = ys[j] - cy;
        if (dx * dx + dy * dy > r2) continue;
        ray[RAY_X1] = xs[j];
        ray[RAY_Y1] = ys[j];
        if (castRay(world.walls, ray, true)) continue;
        if (n >= out.length) return n;
        out[n++] = entityRef(kind, j);
      }
    }
  }
  return n;
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

function clampCell(v: number, n: number): number {
  if (!(v > 0)) return 0;
  const c = v | 0;
  return c >= n ? n - 1 : c;
}
