import { describe, expect, it } from 'vitest';
import arena from '../../resources/maps/arena.json';
import {
  createWorld,
  integrateOnly,
  setAgentCount,
  stateHash,
  stepWorld,
  type MapDef,
  type World,
} from '../index';

const map: MapDef = arena;

function run(seed: number, agents: number, ticks: number): World {
  const world = createWorld(map, { seed, agents });
  for (let t = 0; t < ticks; t++) stepWorld(world);
  return world;
}

function liveIds(world: World): number[] {
  return Array.from(world.id.subarray(0, world.count));
}

describe('world determinism', () => {
  it('gives the same state hash after 1,000 ticks for the same seed and agent count', () => {
    const a = run(42, 300, 1000);
    const b = run(42, 300, 1000);
    expect(a.tick).toBe(1000);
    expect(stateHash(a)).toBe(stateHash(b));
    expect(stateHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives a different hash for a different seed', () => {
    expect(stateHash(run(42, 300, 1000))).not.toBe(stateHash(run(43, 300, 1000)));
  });

  it('changes the hash when any agent moves and when the tick advances', () => {
    const world = run(1, 50, 10);
    const before = stateHash(world);
    world.x[17] += 1e-9;
    expect(stateHash(world)).not.toBe(before);
    world.x[17] -= 1e-9;
    world.tick++;
    expect(stateHash(world)).not.toBe(before);
  });

  it('covers every part of the state: units, inventories, projectiles, ground items, scores', () => {
    const world = run(1, 60, 400);
    expect(world.projectiles.count).toBeGreaterThan(0);
    const base = stateHash(world);
    const changes: (() => () => void)[] = [
      () => {
        world.inventory.qty[5] ^= 1;
        return () => (world.inventory.qty[5] ^= 1);
      },
      () => {
        world.projectiles.x[0] += 1;
        return () => (world.projectiles.x[0] -= 1);
      },
      () => {
        world.health.hp[3]++;
        return () => world.health.hp[3]--;
      },
      () => {
        world.teamScore.kills[1]++;
        return () => world.teamScore.kills[1]--;
      },
      () => {
        world.rng.state[2] ^= 1;
        return () => (world.rng.state[2] ^= 1);
      },
    ];
    for (const change of changes) {
      const undo = change();
      expect(stateHash(world)).not.toBe(base);
      undo();
      expect(stateHash(world)).toBe(base);
    }
    // Persistence bookkeeping is not simulation state.
    world.dirty[0] ^= 7;
    expect(stateHash(world)).toBe(base);
  });

  it('actually moves agents: every agent walks from the first second', () => {
    const world = createWorld(map, { seed: 9, agents: 100 });
    const x0 = Float64Array.from(world.x.subarray(0, 100));
    const y0 = Float64Array.from(world.y.subarray(0, 100));
    for (let t = 0; t < world.tickRate; t++) stepWorld(world);
    let moved = 0;
    for (let i = 0; i < 100; i++) {
      if (Math.hypot(world.x[i] - x0[i], world.y[i] - y0[i]) > 0.3 * world.agentSpeed) moved++;
    }
    expect(moved).toBeGreaterThan(90);
  });
});

describe('agent count', () => {
  it('spawns each team inside its own zone, round-robin by index, clear of walls', () => {
    const world = createWorld(map, { seed: 2, agents: 400 });
    for (let i = 0; i < world.count; i++) {
      const zone = map.spawns[i % map.spawns.length];
      expect(world.team[i]).toBe(zone.team);
      const inZone =
        world.x[i] >= zone.x &&
        world.x[i] <= zone.x + zone.w &&
        world.y[i] >= zone.y &&
        world.y[i] <= zone.y + zone.h;
      expect(inZone).toBe(true);
      for (const wall of map.walls) {
        const dx = world.x[i] - Math.min(Math.max(world.x[i], wall.x), wall.x + wall.w);
        const dy = world.y[i] - Math.min(Math.max(world.y[i], wall.y), wall.y + wall.h);
        expect(Math.hypot(dx, dy)).toBeGreaterThanOrEqual(world.agentRadius);
      }
    }
  });

  it('spawns mostly without overlap when the zone has room', () => {
    const world = createWorld(map, { seed: 3, agents: 200 });
    let overlapping = 0;
    for (let i = 0; i < world.count; i++) {
      for (let j = i + 1; j < world.count; j++) {
        if (Math.hypot(world.x[i] - world.x[j], world.y[i] - world.y[j]) < 2 * world.agentRadius)
          overlapping++;
      }
    }
    expect(overlapping).toBe(0);
  });

  it('keeps ids unique and never reuses them while growing and shrinking', () => {
    const world = createWorld(map, { seed: 4, agents: 10 });
    const ever = new Set(liveIds(world));
    for (const count of [100, 30, 0, 80, 2000, 5, 64]) {
      const before = world.count;
      const maxSeen = Math.max(...ever);
      setAgentCount(world, count);
      stepWorld(world);
      expect(world.count).toBe(count);
      const ids = liveIds(world);
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = before; i < count; i++) {
        expect(world.id[i]).toBeGreaterThan(maxSeen);
        expect(ever.has(world.id[i])).toBe(false);
      }
      for (const id of ids) ever.add(id);
    }
    expect(world.capacity).toBeGreaterThanOrEqual(2000);
  });

  it('removes the highest indices and keeps the rest untouched', () => {
    const world = run(5, 50, 5);
    const keptIds = liveIds(world).slice(0, 20);
    const keptX = Array.from(world.x.subarray(0, 20));
    setAgentCount(world, 20);
    expect(liveIds(world)).toEqual(keptIds);
    expect(Array.from(world.x.subarray(0, 20))).toEqual(keptX);
  });

  it('rejects bad counts, tick rates and maps', () => {
    const world = createWorld(map, { seed: 1, agents: 1 });
    expect(() => setAgentCount(world, -1)).toThrow(RangeError);
    expect(() => setAgentCount(world, 1.5)).toThrow(RangeError);
    expect(() => createWorld(map, { seed: 1, agents: 1, tickRate: 5 })).toThrow(RangeError);
    expect(() => createWorld({ ...map, spawns: [] }, { seed: 1, agents: 1 })).toThrow(RangeError);
  });
});

describe('integrateOnly', () => {
  it('moves by velocity over one tick and does nothing else', () => {
    const world = createWorld(map, { seed: 1, agents: 3, tickRate: 20 });
    world.vx[0] = 40;
    world.vy[0] = -20;
    world.vx[1] = 0;
    world.vy[1] = 0;
    const x0 = world.x[0];
    const y0 = world.y[0];
    const x1 = world.x[1];
    const tick = world.tick;
    const rng = Array.from(world.rng.state);
    integrateOnly(world);
    expect(world.x[0]).toBeCloseTo(x0 + 2, 12);
    expect(world.y[0]).toBeCloseTo(y0 - 1, 12);
    expect(world.x[1]).toBe(x1);
    expect(world.tick).toBe(tick);
    expect(Array.from(world.rng.state)).toEqual(rng);
  });
});
