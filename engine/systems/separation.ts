import { createGrid, rebuildGrid } from '../space/grid';
import type { World } from '../world/world';

/** Golden angle, radians: spreads the push directions of agents that sit exactly on top of each other. */
const GOLDEN_ANGLE = 2.399963229728653;

/**
 * Circle-vs-circle separation: rebuilds `world.grid` from the live units
 * (dead ones neither push nor are pushed), then pushes every overlapping
 * pair apart, half the overlap each, along the line between centres. Pairs are visited once each in a fixed order (agents in grid
 * order; for each, later agents in its cell, then the cells to its right
 * and in the row below), so the pass is deterministic. One Gauss–Seidel
 * pass: it converges over ticks rather than within one. Needs grid cells at
 * least one agent diameter wide; re-creates the grid (allocating) only if
 * `agentRadius` grew past that.
 */
export function separateAgents(world: World): void {
  const diameter = 2 * world.agentRadius;
  if (world.grid.cellSize < diameter) {
    // The radius grew: overlapping agents could now sit two cells apart.
    world.grid = createGrid(world.map.width, world.map.height, diameter, world.capacity);
  }
  const { count, x, y, grid } = world;
  rebuildGrid(grid, count, x, y, world.health.alive);
  const { cols, rows, cellStart, cellItems, itemCell } = grid;
  const diameter2 = diameter * diameter;
  const filed = grid.count;
  for (let k = 0; k < filed; k++) {
    const i = cellItems[k];
    const cell = itemCell[i];
    const col = cell % cols;
    const row = (cell - col) / cols;
    // Later agents in the same cell.
    separateRange(x, y, cellItems, i, k + 1, cellStart[cell + 1], diameter, diameter2);
    if (col + 1 < cols) {
      separateRange(
        x,
        y,
        cellItems,
        i,
        cellStart[cell + 1],
        cellStart[cell + 2],
        diameter,
        diameter2,
      );
    }
    if (row + 1 < rows) {
      const below = cell + cols;
      const first = col > 0 ? below - 1 : below;
      const last = col + 1 < cols ? below + 1 : below;
      // Cells first..last of the next row are contiguous in cellItems.
      separateRange(x, y, cellItems, i, cellStart[first], cellStart[last + 1], diameter, diameter2);
    }
  }
}

/** Separates agent `i` from agents `cellItems[from .. to)`. */
function separateRange(
  x: Float64Array,
  y: Float64Array,
  cellItems: Int32Array,
  i: number,
  from: number,
  to: number,
  diameter: number,
  diameter2: number,
): void {
  for (let m = from; m < to; m++) {
    const j = cellItems[m];
    let dx = x[j] - x[i];
    let dy = y[j] - y[i];
    const d2 = dx * dx + dy * dy;
    if (d2 >= diameter2) continue;
    let half: number;
    if (d2 > 1e-12) {
      const d = Math.sqrt(d2);
      half = (diameter - d) / (2 * d);
    } else {
      // Coincident centres: no line between them, pick a direction from the higher index.
      const angle = (i < j ? j : i) * GOLDEN_ANGLE;
      dx = Math.cos(angle);
      dy = Math.sin(angle);
      half = diameter / 2;
    }
    x[i] -= dx * half;
    y[i] -= dy * half;
    x[j] += dx * half;
    y[j] += dy * half;
  }
}
