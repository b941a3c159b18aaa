/**
 * Uniform spatial hash grid over the map bounds for moving items (agents).
 * Rebuilt from scratch each tick with a counting sort: items of cell `c` are
 * `cellItems[cellStart[c] .. cellStart[c + 1])`, in ascending item index, so
 * queries visit neighbours in a deterministic order. All arrays are
 * preallocated; a rebuild allocates only when the item count outgrows
 * `capacity`.
 *
 * Items outside the bounds are filed in the nearest edge cell, and queries
 * clamp their cell range the same way, so they are still found.
 */
export interface SpatialGrid {
  /** Cell edge length, world units. */
  cellSize: number;
  cols: number;
  rows: number;
  /** Items the per-item arrays can hold without growing. */
  capacity: number;
  /** Items filed by the last rebuild (`cellItems[0 .. count)`). */
  count: number;
  /** Prefix sums, length `cols * rows + 1`. */
  cellStart: Int32Array;
  /** Item indices grouped by cell, length `capacity`. */
  cellItems: Int32Array;
  /** Cell of each item at the last rebuild (-1: not filed), length `capacity`. */
  itemCell: Int32Array;
  /** Scratch write cursors for the counting sort, length `cols * rows`. */
  cursor: Int32Array;
}

/**
 * A grid covering `[0, width] × [0, height]` world units with square cells
 * of `cellSize` world units, ready for `capacity` items.
 */
export function createGrid(
  width: number,
  height: number,
  cellSize: number,
  capacity: number,
): SpatialGrid {
  if (!(width > 0) || !(height > 0))
    throw new RangeError(`grid bounds must be positive, got ${width}×${height}`);
  if (!(cellSize > 0)) throw new RangeError(`grid cellSize must be positive, got ${cellSize}`);
  const cols = Math.max(1, Math.ceil(width / cellSize));
  const rows = Math.max(1, Math.ceil(height / cellSize));
  const cells = cols * rows;
  const cap = Math.max(1, Math.ceil(capacity));
  return {
    cellSize,
    cols,
    rows,
    capacity: cap,
    count: 0,
    cellStart: new Int32Array(cells + 1),
    cellItems: new Int32Array(cap),
    itemCell: new Int32Array(cap),
    cursor: new Int32Array(cells),
  };
}

/**
 * Column (or row) of coordinate `v`, clamped to `[0, last]`. Truncation
 * (`| 0`) equals floor after the clamp, since negatives clamp to 0 either
 * way, and is much cheaper; coordinates stay far below 2^31 cells.
 */
function cellCoord(v: number, inv: number, last: number): number {
  const c = (v * inv) | 0;
  return c < 0 ? 0 : c > last ? last : c;
}

/**
 * Files items `0 .. count-1` at positions `(x[i], y[i])` (world units);
 * with `include`, only items whose `include[i]` is non-zero (their
 * `itemCell` is -1), and `grid.count` is the number filed. Grows the
 * per-item arrays (doubling) when `count > capacity`.
 */
export function rebuildGrid(
  grid: SpatialGrid,
  count: number,
  x: Float64Array,
  y: Float64Array,
  include?: Uint8Array,
): void {
  if (count > grid.capacity) {
    const cap = Math.max(count, grid.capacity * 2);
    grid.capacity = cap;
    grid.cellItems = new Int32Array(cap);
    grid.itemCell = new Int32Array(cap);
  }
  const { cols, rows, cellStart, cellItems, itemCell, cursor } = grid;
  const inv = 1 / grid.cellSize;
  const lastCol = cols - 1;
  const lastRow = rows - 1;
  const cells = cols * rows;
  cursor.fill(0);
  for (let i = 0; i < count; i++) {
    if (include !== undefined && include[i] === 0) {
      itemCell[i] = -1;
      continue;
    }
    const c = cellCoord(y[i], inv, lastRow) * cols + cellCoord(x[i], inv, lastCol);
    itemCell[i] = c;
    cursor[c]++;
  }
  // Exclusive prefix sum; cursor becomes each cell's write position.
  let sum = 0;
  for (let c = 0; c < cells; c++) {
    const n = cursor[c];
    cellStart[c] = sum;
    cursor[c] = sum;
    sum += n;
  }
  cellStart[cells] = sum;
  for (let i = 0; i < count; i++) {
    const c = itemCell[i];
    if (c >= 0) cellItems[cursor[c]++] = i;
  }
  grid.count = sum;
}

/**
 * Writes into `out` the indices of filed items whose centre lies within
 * distance `r` (inclusive) of `(cx, cy)`, reading their current positions
 * from `x`/`y`. Returns how many were written; stops when `out` is full.
 * Order: by cell (row-major), then ascending index.
 */
export function queryCircle(
  grid: SpatialGrid,
  x: Float64Array,
  y: Float64Array,
  cx: number,
  cy: number,
  r: number,
  out: Int32Array,
): number {
  const { cols, rows, cellStart, cellItems } = grid;
  const inv = 1 / grid.cellSize;
  const c0 = cellCoord(cx - r, inv, cols - 1);
  const c1 = cellCoord(cx + r, inv, cols - 1);
  const r0 = cellCoord(cy - r, inv, rows - 1);
  const r1 = cellCoord(cy + r, inv, rows - 1);
  const r2 = r * r;
  const max = out.length;
  let n = 0;
  for (let row = r0; row <= r1; row++) {
    const base = row * cols;
    for (let col = c0; col <= c1; col++) {
      const cell = base + col;
      const end = cellStart[cell + 1];
      for (let k = cellStart[cell]; k < end; k++) {
        const j = cellItems[k];
        const dx = x[j] - cx;
        const dy = y[j] - cy;
        if (dx * dx + dy * dy <= r2) {
          if (n >= max) return n;
          out[n++] = j;
        }
      }
    }
  }
  return n;
}
