import { createGrid, queryCircle, rebuildGrid, type SpatialGrid } from '../space/grid';
import type { NetEntities } from './netEntities';

/**
 * Area of interest: which net view rows a client is sent. The world's own
 * grid files units only, while a snapshot also carries projectiles and
 * ground items, so the AOI keeps a grid over the net view's rows (the
 * engine's uniform grid, engine/grid.ts, used read-only).
 */

/** A grid over the net view; items outside the map are filed at its edge cells. */
export type AoiGrid = SpatialGrid;

/**
 * An AOI grid for a map of `width` × `height` world units with cells of
 * `cellSize` world units (about the view radius / 2 works well) and room
 * for `capacity` rows (it grows when needed).
 */
export function createAoiGrid(
  width: number,
  height: number,
  cellSize: number,
  capacity: number,
): AoiGrid {
  return createGrid(width, height, cellSize, capacity);
}

/** Files rows `0 .. count-1` of `entities` at their positions; once per tick, after filling. */
export function rebuildAoiGrid(grid: AoiGrid, entities: NetEntities): void {
  rebuildGrid(grid, entities.count, entities.x, entities.y);
}

/**
 * Writes into `out` the rows within `radius` world units (inclusive) of
 * (cx, cy), and returns how many; stops when `out` is full, so size it to
 * the net view's count. Pass `out.subarray(0, n)` to `encodeSnapshot`.
 */
export function queryAoi(
  grid: AoiGrid,
  entities: NetEntities,
  cx: number,
  cy: number,
  radius: number,
  out: Int32Array,
): number {
  return queryCircle(grid, entities.x, entities.y, cx, cy, radius, out);
}
