import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  KIND_AGENT,
  KIND_ITEM,
  KIND_PROJECTILE,
  addPlayer,
  applyCommand,
  collectNearbyWalls,
  collectVisible,
  createRng,
  createWallIndex,
  createWorld,
  entityRef,
  lineOfSight,
  nearestEnemies,
  nextFloat,
  placeGroundItem,
  refIndex,
  refKind,
  segmentWallHit,
  stepWorld,
  unitIndexOf,
  type ItemDef,
  type MapDef,
  type WallRect,
} from '../index';

const items = itemsFile.items as ItemDef[];

/** Exact first-entry fraction of a segment into any of `walls` (slab test, no index). */
function bruteForceHit(walls: WallRect[], x0: number, y0: number, x1: number, y1: number): number {
  let best = Infinity;
  for (const w of walls) {
    let t0 = 0;
    let t1 = 1;
    const spans: [number, number, number, number][] = [
      [x0, x1 - x0, w.x, w.x + w.w],
      [y0, y1 - y0, w.y, w.y + w.h],
    ];
    let miss = false;
    for (const [p, d, lo, hi] of spans) {
      if (d === 0) {
        if (p < lo || p > hi) miss = true;
        continue;
      }
      const a = Math.min((lo - p) / d, (hi - p) / d);
      const b = Math.max((lo - p) / d, (hi - p) / d);
      t0 = Math.max(t0, a);
      t1 = Math.min(t1, b);
    }
    if (!miss && t0 <= t1) best = Math.min(best, t0);
  }
  return best;
}

describe('segment casts against walls', () => {
  it('agree with a brute-force slab test on random segments', () => {
    const rng = createRng(11);
    const walls: WallRect[] = [];
    for (let k = 0; k < 40; k++) {
      walls.push({
        x: nextFloat(rng) * 900,
        y: nextFloat(rng) * 500,
        w: 5 + nextFloat(rng) * 80,
        h: 5 + nextFloat(rng) * 80,
      });
    }
    const index = createWallIndex(walls, 1000, 600, 32, 8);
    let hits = 0;
    for (let k = 0; k < 3000; k++) {
      const x0 = nextFloat(rng) * 1000;
      const y0 = nextFloat(rng) * 600;
      // Mostly short segments (projectiles, perception), some axis-aligned.
      const len = k % 3 === 0 ? 400 : 60;
      let x1 = x0 + (nextFloat(rng) - 0.5) * len;
      let y1 = y0 + (nextFloat(rng) - 0.5) * len;
      if (k % 10 === 0) x1 = x0;
      if (k % 10 === 1) y1 = y0;
      x1 = Math.min(999, Math.max(0, x1));
      y1 = Math.min(599, Math.max(0, y1));
      const expected = bruteForceHit(walls, x0, y0, x1, y1);
      const got = segmentWallHit(index, x0, y0, x1, y1);
      if (expected === Infinity) expect(got).toBe(Infinity);
      else {
        hits++;
        expect(got).toBeCloseTo(expected, 9);
      }
      expect(lineOfSight(index, x0, y0, x1, y1)).toBe(expected === Infinity);
    }
    expect(hits).toBeGreaterThan(300);
  });
});

const room: MapDef = {
  name: 'room',
  width: 800,
  height: 600,
  walls: [{ x: 380, y: 100, w: 40, h: 200 }],
  spawns: [
    { team: 0, x: 20, y: 20, w: 100, h: 560 },
    { team: 1, x: 680, y: 20, w: 100, h: 560 },
  ],
};

describe('perception', () => {
  function scene() {
    const world = createWorld(room, { seed: 2, agents: 0, items, config: { loadout: [] } });
    const place = (team: number, x: number, y: number): number => {
      const i = unitIndexOf(world, addPlayer(world, team));
      world.x[i] = x;
      world.y[i] = y;
      return i;
    };
    const me = place(0, 300, 200);
    const behindWall = place(1, 500, 200);
    const open = place(1, 300, 400);
    const far = place(1, 300, 560);
    const friend = place(0, 250, 200);
    stepWorld(world);
    return { world, me, behindWall, open, far, friend };
  }

  it('sees units within the radius with a clear line, not behind walls, not itself', () => {
    const { world, me, open, friend } = scene();
    const out = new Int32Array(16);
    const n = collectVisible(world, me, 300, out);
    const units = Array.from(out.subarray(0, n))
      .filter((ref) => refKind(ref) === KIND_AGENT)
      .map(refIndex)
      .sort();
    expect(units).toEqual([open, friend].sort());
  });

  it('does not see the dead', () => {
    const { world, me, open } = scene();
    world.health.alive[open] = 0;
    const out = new Int32Array(16);
    const n = collectVisible(world, me, 300, out);
    expect(Array.from(out.subarray(0, n)).map(refIndex)).not.toContain(open);
  });

  it('sees ground items and projectiles in range, refs telling their kind', () => {
    const { world, me, friend } = scene();
    const k = placeGroundItem(world, 0, 1, 300, 250);
    placeGroundItem(world, 0, 1, 520, 250); // behind the wall
    applyCommand(world, world.id[friend], { type: 'aim', angle: Math.PI / 2 });
    applyCommand(world, world.id[friend], { type: 'fire' });
    stepWorld(world);
    const out = new Int32Array(16);
    const n = collectVisible(world, me, 300, out);
    const refs = Array.from(out.subarray(0, n));
    expect(refs.filter((r) => refKind(r) === KIND_ITEM).map(refIndex)).toEqual([k]);
    expect(refs.filter((r) => refKind(r) === KIND_PROJECTILE)).toHaveLength(1);
    // A small buffer is filled and never overrun.
    const small = new Int32Array(1);
    expect(collectVisible(world, me, 300, small)).toBe(1);
  });

  it('lists what it sees nearest first, and a short buffer keeps the nearest', () => {
    const { world, me, open, friend } = scene();
    const item = placeGroundItem(world, 0, 1, 300, 330);
    const out = new Int32Array(16);
    const n = collectVisible(world, me, 300, out);
    expect(Array.from(out.subarray(0, n))).toEqual([
      entityRef(KIND_AGENT, friend),
      entityRef(KIND_ITEM, item),
      entityRef(KIND_AGENT, open),
    ]);
    const two = new Int32Array(2);
    expect(collectVisible(world, me, 300, two)).toBe(2);
    expect(Array.from(two)).toEqual([entityRef(KIND_AGENT, friend), entityRef(KIND_ITEM, item)]);
  });

  it('lists the nearest enemies, nearest first, walls ignored', () => {
    const { world, me, behindWall, open, far } = scene();
    const idx = new Int32Array(2);
    const d2 = new Float64Array(2);
    expect(nearestEnemies(world, me, 1000, idx, d2)).toBe(2);
    expect(Array.from(idx)).toEqual([behindWall, open]);
    expect(Array.from(d2)).toEqual([200 * 200, 200 * 200]);
    const idx3 = new Int32Array(3);
    const d3 = new Float64Array(3);
    expect(nearestEnemies(world, me, 300, idx3, d3)).toBe(2);
    expect(nearestEnemies(world, me, 1000, idx3, d3)).toBe(3);
    expect(idx3[2]).toBe(far);
  });

  it('finds the same nearest enemies as a brute-force search in a crowd', () => {
    const world = createWorld(room, { seed: 9, agents: 400, items, config: { loadout: [] } });
    for (let t = 0; t < 40; t++) stepWorld(world);
    const idx = new Int32Array(3);
    const d2 = new Float64Array(3);
    for (let i = 0; i < world.count; i += 7) {
      const n = nearestEnemies(world, i, 260, idx, d2);
      const brute: number[] = [];
      for (let j = 0; j < world.count; j++) {
        if (world.team[j] === world.team[i] || !world.health.alive[j]) continue;
        const dd = (world.x[j] - world.x[i]) ** 2 + (world.y[j] - world.y[i]) ** 2;
        if (dd <= 260 * 260) brute.push(dd);
      }
      brute.sort((a, b) => a - b);
      expect(Array.from(d2.subarray(0, n))).toEqual(brute.slice(0, 3));
    }
  });

  it('lists walls near a point', () => {
    const { world } = scene();
    const out = new Int32Array(4);
    expect(collectNearbyWalls(world, 360, 200, 25, out)).toBe(1);
    expect(collectNearbyWalls(world, 300, 200, 25, out)).toBe(0);
  });
});
