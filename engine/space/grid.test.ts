import { describe, expect, it } from 'vitest';
import { createGrid, createRng, nextFloat, queryCircle, rebuildGrid } from '../index';

function bruteForce(
  x: Float64Array,
  y: Float64Array,
  n: number,
  cx: number,
  cy: number,
  r: number,
): number[] {
  const hits: number[] = [];
  for (let i = 0; i < n; i++) {
    const dx = x[i] - cx;
    const dy = y[i] - cy;
    if (dx * dx + dy * dy <= r * r) hits.push(i);
  }
  return hits;
}

/** Random points, many on cell edges, on the map's edges and a few outside it. */
function points(n: number, width: number, height: number, cellSize: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const edgeNudges = [0, 1e-9, -1e-9, 0.5, -0.5];
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    x[i] = nextFloat(rng) * width;
    y[i] = nextFloat(rng) * height;
    if (kind === 1) {
      // On a cell boundary.
      x[i] = Math.round(x[i] / cellSize) * cellSize + edgeNudges[i % edgeNudges.length];
      y[i] = Math.round(y[i] / cellSize) * cellSize + edgeNudges[(i >> 2) % edgeNudges.length];
    } else if (kind === 2) {
      // On or just past a map edge.
      const edge = i % 3;
      if (edge === 0) x[i] = (i % 2 ? 0 : width) + edgeNudges[i % edgeNudges.length];
      else if (edge === 1) y[i] = (i % 2 ? 0 : height) + edgeNudges[i % edgeNudges.length];
      else x[i] = -5 - nextFloat(rng) * 20;
    }
  }
  return { x, y };
}

describe('spatial grid', () => {
  const width = 1000;
  const height = 600;
  const cellSize = 16;

  it('agrees with a brute-force scan for many radii and centres', () => {
    const n = 2000;
    const { x, y } = points(n, width, height, cellSize, 1);
    const grid = createGrid(width, height, cellSize, n);
    rebuildGrid(grid, n, x, y);
    const out = new Int32Array(n);
    const rng = createRng(2);
    const radii = [0, 3, 16, 16.0001, 40, 150];
    for (let q = 0; q < 300; q++) {
      let cx = nextFloat(rng) * (width + 40) - 20;
      let cy = nextFloat(rng) * (height + 40) - 20;
      if (q % 5 === 0) cx = Math.round(cx / cellSize) * cellSize;
      if (q % 7 === 0) cy = height;
      if (q % 11 === 0) {
        cx = x[q];
        cy = y[q];
      }
      for (const r of radii) {
        const found = queryCircle(grid, x, y, cx, cy, r, out);
        const got = Array.from(out.subarray(0, found)).sort((a, b) => a - b);
        expect(got).toEqual(bruteForce(x, y, n, cx, cy, r));
      }
    }
  });

  it('finds points exactly at distance r and items filed outside the bounds', () => {
    const x = new Float64Array([100, 116, -30, 1020]);
    const y = new Float64Array([100, 100, 50, 650]);
    const grid = createGrid(width, height, cellSize, 4);
    rebuildGrid(grid, 4, x, y);
    const out = new Int32Array(4);
    expect(Array.from(out.subarray(0, queryCircle(grid, x, y, 100, 100, 16, out))).sort()).toEqual([
      0, 1,
    ]);
    expect(Array.from(out.subarray(0, queryCircle(grid, x, y, -30, 50, 1, out)))).toEqual([2]);
    expect(Array.from(out.subarray(0, queryCircle(grid, x, y, 1020, 650, 0, out)))).toEqual([3]);
  });

  it('stops at the end of the out array', () => {
    const n = 50;
    const x = new Float64Array(n).fill(300);
    const y = new Float64Array(n).fill(300);
    const grid = createGrid(width, height, cellSize, n);
    rebuildGrid(grid, n, x, y);
    const small = new Int32Array(7);
    expect(queryCircle(grid, x, y, 300, 300, 5, small)).toBe(7);
  });

  it('grows past its capacity and lists cell items in ascending index order', () => {
    const n = 500;
    const { x, y } = points(n, width, height, cellSize, 3);
    const grid = createGrid(width, height, cellSize, 10);
    rebuildGrid(grid, n, x, y);
    expect(grid.capacity).toBeGreaterThanOrEqual(n);
    const out = new Int32Array(n);
    expect(queryCircle(grid, x, y, width / 2, height / 2, 2000, out)).toBe(n);
    for (let c = 0; c < grid.cols * grid.rows; c++) {
      for (let k = grid.cellStart[c] + 1; k < grid.cellStart[c + 1]; k++) {
        expect(grid.cellItems[k]).toBeGreaterThan(grid.cellItems[k - 1]);
      }
    }
  });

  it('rebuilds cleanly when items move and the count shrinks', () => {
    const n = 300;
    const a = points(n, width, height, cellSize, 4);
    const b = points(n, width, height, cellSize, 5);
    const grid = createGrid(width, height, cellSize, n);
    rebuildGrid(grid, n, a.x, a.y);
    rebuildGrid(grid, 120, b.x, b.y);
    const out = new Int32Array(n);
    const found = queryCircle(grid, b.x, b.y, 500, 300, 250, out);
    expect(Array.from(out.subarray(0, found)).sort((p, q) => p - q)).toEqual(
      bruteForce(b.x, b.y, 120, 500, 300, 250),
    );
  });
});
