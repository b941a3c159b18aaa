import type { WallIndex } from './wallIndex';

/**
 * Segment queries against the static walls, walking the wall index's
 * cells along the segment (Amanatides–Woo traversal) and testing only the
 * walls listed in the cells it crosses. Used for line of sight (perception,
 * AI) and for projectiles (stopped by the first wall on their path).
 */

/** Layout of a ray buffer: start, end (world units) and the hit fraction written back. */
export const RAY_X0 = 0;
export const RAY_Y0 = 1;
export const RAY_X1 = 2;
export const RAY_Y1 = 3;
export const RAY_T = 4;

/** A ray buffer for `castRay`. */
export function createRay(): Float64Array {
  return new Float64Array(5);
}

/**
 * The fraction t in [0, 1] along the segment (x0, y0) → (x1, y1) (world
 * units) at which it first enters a wall, or Infinity when it crosses none.
 * A segment starting inside a wall returns 0.
 */
export function segmentWallHit(
  walls: WallIndex,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): number {
  const ray = RAY;
  ray[RAY_X0] = x0;
  ray[RAY_Y0] = y0;
  ray[RAY_X1] = x1;
  ray[RAY_Y1] = y1;
  castRay(walls, ray, false);
  return ray[RAY_T];
}

/** True when no wall lies between (x0, y0) and (x1, y1) (world units). */
export function lineOfSight(
  walls: WallIndex,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): boolean {
  const ray = RAY;
  ray[RAY_X0] = x0;
  ray[RAY_Y0] = y0;
  ray[RAY_X1] = x1;
  ray[RAY_Y1] = y1;
  return !castRay(walls, ray, true);
}

const RAY = createRay();

/**
 * Casts the segment held in `ray` (see RAY_*) against the walls. Returns
 * whether it enters one; `ray[RAY_T]` receives the fraction of the first
 * entry (Infinity when none). With `anyHit` it stops at the first wall
 * found, and `ray[RAY_T]` is then that wall's entry, not necessarily the
 * first: the line-of-sight form. Coordinates travel in the buffer rather
 * than as arguments so that hot callers box no doubles (allocate nothing).
 */
export function castRay(walls: WallIndex, ray: Float64Array, anyHit: boolean): boolean {
  const { cellSize, cols, rows, cellStart, cellWalls, minX, minY, maxX, maxY } = walls;
  const x0 = ray[RAY_X0];
  const y0 = ray[RAY_Y0];
  const x1 = ray[RAY_X1];
  const y1 = ray[RAY_Y1];
  const dx = x1 - x0;
  const dy = y1 - y0;
  const inv = 1 / cellSize;
  let col = clampCell(x0 * inv, cols);
  let row = clampCell(y0 * inv, rows);
  const endCol = clampCell(x1 * inv, cols);
  const endRow = clampCell(y1 * inv, rows);
  const stepCol = dx > 0 ? 1 : dx < 0 ? -1 : 0;
  const stepRow = dy > 0 ? 1 : dy < 0 ? -1 : 0;
  const invDx = dx !== 0 ? 1 / dx : 0;
  const invDy = dy !== 0 ? 1 / dy : 0;
  // t at which the segment crosses the next column / row boundary, and per cell.
  let tNextCol =
    stepCol > 0
      ? ((col + 1) * cellSize - x0) * invDx
      : stepCol < 0
        ? (col * cellSize - x0) * invDx
        : Infinity;
  let tNextRow =
    stepRow > 0
      ? ((row + 1) * cellSize - y0) * invDy
      : stepRow < 0
        ? (row * cellSize - y0) * invDy
        : Infinity;
  const tDeltaCol = stepCol !== 0 ? cellSize * Math.abs(invDx) : Infinity;
  const tDeltaRow = stepRow !== 0 ? cellSize * Math.abs(invDy) : Infinity;
  let best = Infinity;
  // Cells can be visited at most this often; guards against float drift at the clamp edges.
  let budget = Math.abs(endCol - col) + Math.abs(endRow - row) + 2;
  for (;;) {
    const cell = row * cols + col;
    const end = cellStart[cell + 1];
    for (let k = cellStart[cell]; k < end; k++) {
      const w = cellWalls[k];
      // Slab test of the segment against wall w.
      let t0 = 0;
      let t1 = 1;
      if (dx === 0) {
        if (x0 < minX[w] || x0 > maxX[w]) continue;
      } else {
        let a = (minX[w] - x0) * invDx;
        let b = (maxX[w] - x0) * invDx;
        if (a > b) {
          const s = a;
          a = b;
          b = s;
        }
        if (a > t0) t0 = a;
        if (b < t1) t1 = b;
        if (t0 > t1) continue;
      }
      if (dy === 0) {
        if (y0 < minY[w] || y0 > maxY[w]) continue;
      } else {
        let a = (minY[w] - y0) * invDy;
        let b = (maxY[w] - y0) * invDy;
        if (a > b) {
          const s = a;
          a = b;
          b = s;
        }
        if (a > t0) t0 = a;
        if (b < t1) t1 = b;
        if (t0 > t1) continue;
      }
      if (t0 < best) best = t0;
      if (anyHit) break;
    }
    if (anyHit && best !== Infinity) break;
    if (col === endCol && row === endRow) break;
    if (--budget < 0) break;
    // Step into the next cell; stop once a hit lies before that cell starts.
    if (tNextCol < tNextRow) {
      if (best <= tNextCol) break;
      col += stepCol;
      tNextCol += tDeltaCol;
    } else {
      if (best <= tNextRow) break;
      row += stepRow;
      tNextRow += tDeltaRow;
    }
    if (col < 0 || col >= cols || row < 0 || row >= rows) break;
  }
  ray[RAY_T] = best;
  return best !== Infinity;
}

function clampCell(v: number, n: number): number {
  if (!(v > 0)) return 0;
  const c = v | 0;
  return c >= n ? n - 1 : c;
}
