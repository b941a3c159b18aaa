import { describe, expect, it } from 'vitest';
import { createAoiGrid, queryAoi, rebuildAoiGrid } from './index';
import { createToyWorld, stepToyWorld } from '../testing/testWorld';

describe('area of interest', () => {
  it('finds exactly the rows within the radius, including ones off the map', () => {
    const world = createToyWorld(21, 1000);
    const e = world.entities;
    e.x[0] = -50;
    e.y[0] = 500;
    const grid = createAoiGrid(world.width, world.height, 200, 64);
    const out = new Int32Array(e.capacity);
    for (let t = 0; t < 5; t++) {
      stepToyWorld(world, { spawn: 1, despawn: 1 });
      rebuildAoiGrid(grid, e);
      for (const [cx, cy, r] of [
        [800, 500, 300],
        [0, 500, 120],
        [1600, 0, 400],
        [300, 300, 0],
      ]) {
        const n = queryAoi(grid, e, cx, cy, r, out);
        const want: number[] = [];
        for (let i = 0; i < e.count; i++) {
          if ((e.x[i] - cx) ** 2 + (e.y[i] - cy) ** 2 <= r * r) want.push(i);
        }
        expect(Array.from(out.subarray(0, n)).sort((a, b) => a - b)).toEqual(want);
      }
    }
  });

  it('stops at the size of the output', () => {
    const world = createToyWorld(22, 200);
    const grid = createAoiGrid(world.width, world.height, 200, 64);
    rebuildAoiGrid(grid, world.entities);
    expect(queryAoi(grid, world.entities, 800, 500, 5000, new Int32Array(10))).toBe(10);
  });
});
