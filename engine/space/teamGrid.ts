/**
 * Perception grid: live units bucketed by (team, cell), with their
 * positions copied in bucket order. An enemy search reads only other
 * teams' buckets, and reads positions sequentially instead of through an
 * index, which is what makes 10,000 agents' target searches affordable.
 * Rebuilt once per tick by a counting sort; allocates only when the unit
 * count outgrows its capacity.
 */
export interface TeamGrid {
  /** Cell edge, world units. */
  cellSize: number;
  cols: number;
  rows: number;
  teams: number;
  /** Units filed by the last rebuild. */
  count: number;
  capacity: number;
  /** Bucket `team * cols * rows + cell` holds entries `cellStart[b] .. cellStart[b + 1]`. */
  cellStart: Int32Array;
  /** Unit index of each entry. */
  unit: Int32Array;
  /** Position of each entry at the rebuild, world units. */
  px: Float64Array;
  py: Float64Array;
  /** Bucket of each unit (-1: not filed), and counting-sort cursors. */
  itemBucket: Int32Array;
  cursor: Int32Array;
}

/** A grid over `[0, width] × [0, height]` in cells of `cellSize` for `teams` teams. */
export function createTeamGrid(
  width: number,
  height: number,
  cellSize: number,
  teams: number,
  capacity: number,
): TeamGrid {
  const cols = Math.max(1, Math.ceil(width / cellSize));
  const rows = Math.max(1, Math.ceil(height / cellSize));
  const buckets = cols * rows * teams;
  const cap = Math.max(1, capacity);
  return {
    cellSize,
    cols,
    rows,
    teams,
    count: 0,
    capacity: cap,
    cellStart: new Int32Array(buckets + 1),
    unit: new Int32Array(cap),
    px: new Float64Array(cap),
    py: new Float64Array(cap),
    itemBucket: new Int32Array(cap),
    cursor: new Int32Array(buckets),
  };
}

/** Column (or row) of coordinate `v`, clamped to `[0, n - 1]`. */
export function teamGridCell(v: number, inv: number, n: number): number {
  if (!(v > 0)) return 0;
  const c = (v * inv) | 0;
  return c >= n ? n - 1 : c;
}

/** Files units `0 .. count-1` whose `alive[i]` is non-zero by team and position. */
export function rebuildTeamGrid(
  grid: TeamGrid,
  count: number,
  x: Float64Array,
  y: Float64Array,
  team: Uint8Array,
  alive: Uint8Array,
): void {
  if (count > grid.capacity) {
    const cap = Math.max(count, grid.capacity * 2);
    grid.capacity = cap;
    grid.unit = new Int32Array(cap);
    grid.px = new Float64Array(cap);
    grid.py = new Float64Array(cap);
    grid.itemBucket = new Int32Array(cap);
  }
  const { cols, rows, cellStart, unit, px, py, itemBucket, cursor } = grid;
  const inv = 1 / grid.cellSize;
  const cells = cols * rows;
  const buckets = cells * grid.teams;
  cursor.fill(0);
  for (let i = 0; i < count; i++) {
    if (alive[i] === 0) {
      itemBucket[i] = -1;
      continue;
    }
    const b =
      team[i] * cells + teamGridCell(y[i], inv, rows) * cols + teamGridCell(x[i], inv, cols);
    itemBucket[i] = b;
    cursor[b]++;
  }
  let sum = 0;
  for (let b = 0; b < buckets; b++) {
    const n = cursor[b];
    cellStart[b] = sum;
    cursor[b] = sum;
    sum += n;
  }
  cellStart[buckets] = sum;
  for (let i = 0; i < count; i++) {
    const b = itemBucket[i];
    if (b < 0) continue;
    const k = cursor[b]++;
    unit[k] = i;
    px[k] = x[i];
    py[k] = y[i];
  }
  grid.count = sum;
}
