import { describe, expect, it } from 'vitest';
import arena from '../../resources/maps/arena.json';
import { createWorld, stepWorld, type MapDef, type World } from '../index';

/** Open 400×400 box without border walls and one wall in the middle. */
const box: MapDef = {
  name: 'box',
  width: 400,
  height: 400,
  walls: [{ x: 150, y: 200, w: 100, h: 40 }],
  spawns: [{ team: 0, x: 0, y: 0, w: 100, h: 100 }],
};

/** Distance from (px, py) to the nearest point of a rectangle (0 inside). */
function distanceToRect(
  px: number,
  py: number,
  r: { x: number; y: number; w: number; h: number },
): number {
  const dx = px - Math.min(Math.max(px, r.x), r.x + r.w);
  const dy = py - Math.min(Math.max(py, r.y), r.y + r.h);
  return Math.hypot(dx, dy);
}

/** One team: the test maps have a single spawn zone. */
const solo = { teams: [{ name: 'Solo' }] };

/**
 * One agent at (x, y) walking along `heading` (radians): taken from the
 * built-in AI (behavior 1) and given a constant move intent.
 */
function driven(map: MapDef, x: number, y: number, heading: number, tickRate = 20): World {
  const world = createWorld(map, { seed: 1, agents: 1, tickRate, config: solo });
  world.x[0] = x;
  world.y[0] = y;
  world.behavior[0] = 1;
  world.intent.moveX[0] = Math.cos(heading);
  world.intent.moveY[0] = Math.sin(heading);
  return world;
}

function deepestWallPenetration(world: World): number {
  let worst = 0;
  for (let i = 0; i < world.count; i++) {
    for (const wall of world.map.walls) {
      worst = Math.max(worst, world.agentRadius - distanceToRect(world.x[i], world.y[i], wall));
    }
  }
  return worst;
}

describe('wall collision', () => {
  it('stops an agent driven straight into a wall at its face', () => {
    const world = driven(box, 200, 120, Math.PI / 2);
    for (let t = 0; t < 100; t++) {
      stepWorld(world);
      expect(distanceToRect(world.x[0], world.y[0], box.walls[0])).toBeGreaterThanOrEqual(8 - 1e-9);
    }
    expect(world.y[0]).toBeCloseTo(200 - 8, 9);
    expect(world.x[0]).toBeCloseTo(200, 9);
    expect(world.vy[0]).toBeCloseTo(0, 9);
  });

  it('slides an agent moving diagonally into a wall along it', () => {
    const world = driven(box, 160, 170, Math.PI / 4);
    const speedX = 90 * Math.cos(Math.PI / 4);
    let touching = 0;
    for (let t = 0; t < 15; t++) {
      const before = world.x[0];
      stepWorld(world);
      // Outside the wall along its normal at every tick…
      expect(world.y[0]).toBeLessThanOrEqual(200 - 8 + 1e-9);
      if (world.y[0] > 200 - 8 - 1e-9) {
        touching++;
        // …while the tangential coordinate keeps its full speed.
        expect(world.x[0] - before).toBeCloseTo(speedX / 20, 9);
        expect(world.vx[0]).toBeCloseTo(speedX, 9);
        expect(world.vy[0]).toBeCloseTo(0, 9);
      }
    }
    expect(touching).toBeGreaterThan(5);
    expect(world.x[0]).toBeGreaterThan(160 + 14 * (speedX / 20) - 1e-6);
  });

  it('pushes a centre that ended up inside a wall out through the nearest face', () => {
    const world = driven(box, 156, 220, 0);
    world.intent.moveX[0] = 0;
    world.intent.moveY[0] = 0;
    stepWorld(world);
    expect(world.x[0]).toBeCloseTo(150 - 8, 9);
    expect(world.y[0]).toBeCloseTo(220, 9);
  });

  it('never leaves the centre inside a wall where two walls meet', () => {
    // Walls sharing an edge: the nearest face of one is covered by the other.
    const corner: MapDef = {
      name: 'corner',
      width: 300,
      height: 300,
      walls: [
        { x: 0, y: 0, w: 300, h: 20 },
        { x: 0, y: 20, w: 20, h: 280 },
      ],
      spawns: [{ team: 0, x: 100, y: 100, w: 50, h: 50 }],
    };
    const world = driven(corner, 11, 27, Math.PI);
    world.intent.moveX[0] = 0;
    world.intent.moveY[0] = 0;
    stepWorld(world);
    expect(deepestWallPenetration(world)).toBeLessThanOrEqual(1e-9);
  });

  it('never lets a crowd end inside a wall or outside the map on the arena', () => {
    for (const tickRate of [10, 20, 60]) {
      const world = createWorld(arena, { seed: 3, agents: 800, tickRate });
      for (let t = 0; t < 400; t++) {
        stepWorld(world);
        if (t % 20 !== 0) continue;
        expect(deepestWallPenetration(world)).toBeLessThanOrEqual(1e-6);
        let outside = 0;
        for (let i = 0; i < world.count; i++) {
          const { x, y } = world;
          if (x[i] < 8 || x[i] > arena.width - 8 || y[i] < 8 || y[i] > arena.height - 8) outside++;
        }
        expect(outside).toBe(0);
      }
    }
  });

  it('keeps agents inside the map bounds where no border walls exist', () => {
    const world = createWorld(box, { seed: 4, agents: 200, tickRate: 10, config: solo });
    for (let t = 0; t < 600; t++) {
      stepWorld(world);
      for (let i = 0; i < world.count; i++) {
        const inside =
          world.x[i] >= 8 &&
          world.x[i] <= box.width - 8 &&
          world.y[i] >= 8 &&
          world.y[i] <= box.height - 8;
        if (!inside)
          throw new Error(
            `agent ${i} left the map at tick ${world.tick}: ${world.x[i]}, ${world.y[i]}`,
          );
      }
    }
  });
});

describe('agent separation', () => {
  function overlaps(world: World): { worst: number; deepPairs: number } {
    const d = 2 * world.agentRadius;
    let worst = 0;
    let deepPairs = 0;
    for (let i = 0; i < world.count; i++) {
      for (let j = i + 1; j < world.count; j++) {
        const dist = Math.hypot(world.x[i] - world.x[j], world.y[i] - world.y[j]);
        if (dist < d) worst = Math.max(worst, d - dist);
        if (dist < world.agentRadius) deepPairs++;
      }
    }
    return { worst, deepPairs };
  }

  it('spreads agents stacked on one point until they barely overlap', () => {
    const open: MapDef = { ...box, walls: [] };
    const world = createWorld(open, { seed: 5, agents: 40, agentSpeed: 0, config: solo });
    for (let i = 0; i < world.count; i++) {
      world.x[i] = 200;
      world.y[i] = 200;
    }
    for (let t = 0; t < 200; t++) stepWorld(world);
    expect(overlaps(world).worst).toBeLessThan(0.5);
  });

  it('keeps a wandering crowd from overlapping much', () => {
    // One team: nobody fights, everyone wanders between waypoints.
    const world = createWorld(arena, { seed: 6, agents: 600, config: solo });
    for (let t = 0; t < 300; t++) stepWorld(world);
    let deep = 0;
    for (let t = 0; t < 200; t++) {
      stepWorld(world);
      if (t % 10 !== 0) continue;
      const { worst, deepPairs } = overlaps(world);
      expect(worst).toBeLessThan(12);
      deep += deepPairs;
    }
    // Centres closer than one radius are rare: under one pair per sample.
    expect(deep / 20).toBeLessThan(1);
  });
});
