import type { WallRect } from '../world/map';

/**
 * Static index of the map's walls for circle queries. Walls never move, so
 * it is built once: each cell lists (ascending wall index) every wall whose
 * rectangle, grown by `padding` on every side, touches the cell. A circle
 * of radius <= `padding` can therefore only touch walls listed in the cell
 * holding its centre: one lookup, no duplicates to filter.
 */
export interface WallIndex {
  /** Cell edge length, world units. */
  cellSize: number;
  cols: number;
  rows: number;
  /** Largest circle radius (world units) the per-cell lists are complete for. */
  padding: number;
  /** Wall bounds, world units: left, top, right, bottom. */
  minX: Float64Array;
  minY: Float64Array;
  maxX: Float64Array;
  maxY: Float64Array;
  /** Walls of cell `c` are `cellWalls[cellStart[c] .. cellStart[c + 1])`. */
  cellStart: Int32Array;
  cellWalls: Int32Array;
}

/**
 * Indexes `walls` over `[0, width] × [0, height]` world units for circles of
 * radius up to `padding` world units. Allocates; call it when the map (or
 * the agent radius) changes, not per tick.
 */
export function createWallIndex(
  walls: readonly WallRect[],
  width: number,
  height: number,
  cellSize: number,
  padding: number,
): WallIndex {
  const cols = Math.max(1, Math.ceil(width / cellSize));
  const rows = Math.max(1, Math.ceil(height / cellSize));
  const n = walls.length;
  const minX = new Float64Array(n);
  const minY = new Float64Array(n);
  const maxX = new Float64Array(n);
  const maxY = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    minX[i] = walls[i].x;
    minY[i] = walls[i].y;
    maxX[i] = walls[i].x + walls[i].w;
    maxY[i] = walls[i].y + walls[i].h;
  }
  const cellStart = new Int32Array(cols * rows + 1);
  // Two passes over the same cell ranges: count, then fill.
  const ranges = new Int32Array(n * 4);
  for (let i = 0; i < n; i++) {
    ranges[i * 4] = clamp(Math.floor((minX[i] - padding) / cellSize), 0, cols - 1);
    ranges[i * 4 + 1] = clamp(Math.floor((maxX[i] + padding) / cellSize), 0, cols - 1);
    ranges[i * 4 + 2] = clamp(Math.floor((minY[i] - padding) / cellSize), 0, rows - 1);
    ranges[i * 4 + 3] = clamp(Math.floor((maxY[i] + padding) / cellSize), 0, rows - 1);
    forEachCell(ranges, i, cols, (c) => cellStart[c + 1]++);
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1] += cellStart[c];
  const cellWalls = new Int32Array(cellStart[cols * rows]);
  const cursor = cellStart.slice(0, cols * rows);
  for (let i = 0; i < n; i++) forEachCell(ranges, i, cols, (c) => (cellWalls[cursor[c]++] = i));
  return { cellSize, cols, rows, padding, minX, minY, maxX, maxY, cellStart, cellWalls };
}

/** Index of the cell holding point `(x, y)` (world units), clamped into the grid. */
export function wallCellAt(index: WallIndex, x: number, y: number): number {
  const col = clamp(Math.floor(x / index.cellSize), 0, index.cols - 1);
  const row = clamp(Math.floor(y / index.cellSize), 0, index.rows - 1);
  return row * index.cols + col;
}

/** True when a circle at `(x, y)` with radius `r <= padding` overlaps a wall (touching counts as clear). */
export function circleHitsWall(index: WallIndex, x: number, y: number, r: number): boolean {
  const cell = wallCellAt(index, x, y);
  const end = index.cellStart[cell + 1];
  const r2 = r * r;
  for (let k = index.cellStart[cell]; k < end; k++) {
    const w = index.cellWalls[k];
    const dx = x - clamp(x, index.minX[w], index.maxX[w]);
    const dy = y - clamp(y, index.minY[w], index.maxY[w]);
    if (dx * dx + dy * dy < r2) return true;
  }
  return false;
}

/**
 * `circleHitsWall` for the circle centred at `(at[0], at[1])`: the
 * allocation-free form for hot callers (a double argument is boxed).
 */
export function circleHitsWallAt(index: WallIndex, at: Float64Array, r: number): boolean {
  const x = at[0];
  const y = at[1];
  const col = x > 0 ? Math.min(index.cols - 1, Math.floor(x / index.cellSize)) : 0;
  const row = y > 0 ? Math.min(index.rows - 1, Math.floor(y / index.cellSize)) : 0;
  const cell = row * index.cols + col;
  const end = index.cellStart[cell + 1];
  const r2 = r * r;
  for (let k = index.cellStart[cell]; k < end; k++) {
    const w = index.cellWalls[k];
    const qx = x < index.minX[w] ? index.minX[w] : x > index.maxX[w] ? index.maxX[w] : x;
    const qy = y < index.minY[w] ? index.minY[w] : y > index.maxY[w] ? index.maxY[w] : y;
    const dx = x - qx;
    const dy = y - qy;
    if (dx * dx + dy * dy < r2) return true;
  }
  return false;
}

function forEachCell(
  ranges: Int32Array,
  i: number,
  cols: number,
  visit: (cell: number) => void,
): void {
  for (let row = ranges[i * 4 + 2]; row <= ranges[i * 4 + 3]; row++) {
    for (let col = ranges[i * 4]; col <= ranges[i * 4 + 1]; col++) visit(row * cols + col);
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
