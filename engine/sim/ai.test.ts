import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  KIND_AGENT,
  PERCEPTION_RADIUS,
  addItem,
  addPlayer,
  countItem,
  createWorld,
  itemIndex,
  placeGroundItem,
  stepWorld,
  unitIndexOf,
  type ItemDef,
  type MapDef,
  type World,
} from '../index';

const items = itemsFile.items as ItemDef[];

/** A room with one wall; team 0 spawns left, team 1 right. */
const room: MapDef = {
  name: 'room',
  width: 900,
  height: 600,
  walls: [{ x: 430, y: 150, w: 40, h: 300 }],
  spawns: [
    { team: 0, x: 20, y: 20, w: 80, h: 560 },
    { team: 1, x: 800, y: 20, w: 80, h: 560 },
  ],
};

/** One bot (index 0, team 0, short bow) placed at (x, y); enemies are avatars added by the test. */
function botWorld(x: number, y: number, config = {}): World {
  const w = createWorld(room, {
    seed: 21,
    agents: 1,
    items,
    config: { loadout: ['short_bow'], ...config },
  });
  w.x[0] = x;
  w.y[0] = y;
  expect(w.kind[0]).toBe(KIND_AGENT);
  expect(w.team[0]).toBe(0);
  return w;
}

function enemyAt(world: World, x: number, y: number): number {
  const i = unitIndexOf(world, addPlayer(world, 1));
  world.x[i] = x;
  world.y[i] = y;
  return i;
}

const dist = (w: World, i: number, j: number): number =>
  Math.hypot(w.x[i] - w.x[j], w.y[i] - w.y[j]);

describe('built-in AI', () => {
  it('wanders between waypoints when it sees nobody', () => {
    const world = botWorld(60, 300);
    const ticks = 30 * world.tickRate;
    let travelled = 0;
    let farthest = 0;
    const goals = new Set<number>();
    for (let t = 0; t < ticks; t++) {
      const x = world.x[0];
      const y = world.y[0];
      stepWorld(world);
      travelled += Math.hypot(world.x[0] - x, world.y[0] - y);
      farthest = Math.max(farthest, Math.hypot(world.x[0] - 60, world.y[0] - 300));
      goals.add(world.ai.goalX[0]);
    }
    // Walking most of the time (walls cost a little), across the room, to several waypoints.
    expect(travelled / (ticks / world.tickRate)).toBeGreaterThan(0.7 * world.agentSpeed);
    expect(farthest).toBeGreaterThan(300);
    expect(goals.size).toBeGreaterThan(3);
    expect(world.ai.target[0]).toBe(-1);
  });

  it('targets the nearest enemy it can see, not a nearer one behind a wall', () => {
    const world = botWorld(380, 300);
    const hidden = enemyAt(world, 520, 300); // 140 away, wall between
    const visible = enemyAt(world, 380, 480); // 180 away, clear
    world.x[hidden] = 520;
    for (let t = 0; t < world.timing.aiRetargetTicks + 1; t++) {
      world.x[hidden] = 520;
      world.y[hidden] = 300;
      world.x[visible] = 380;
      world.y[visible] = 480;
      stepWorld(world);
    }
    expect(world.ai.target[0]).toBe(visible);
    expect(world.combat.aimY[0]).toBeGreaterThan(0.9);
  });

  it('ignores enemies beyond its perception radius', () => {
    const world = botWorld(60, 300);
    enemyAt(world, 60 + PERCEPTION_RADIUS + 30, 300);
    for (let t = 0; t < world.timing.aiRetargetTicks + 1; t++) stepWorld(world);
    expect(world.ai.target[0]).toBe(-1);
  });

  it('closes to its weapon range, keeps it, and fires until the enemy dies', () => {
    const world = botWorld(100, 500, { respawnSeconds: 60 });
    const enemy = enemyAt(world, 350, 520);
    let minDistance = Infinity;
    let died = false;
    for (let t = 0; t < 60 * world.tickRate && !died; t++) {
      // The enemy stands still (an avatar without commands).
      stepWorld(world);
      if (world.health.alive[enemy]) minDistance = Math.min(minDistance, dist(world, 0, enemy));
      died = world.health.alive[enemy] === 0;
    }
    expect(died).toBe(true);
    expect(world.score.kills[0]).toBe(1);
    // It kept its distance: never closer than the lower edge of its band.
    expect(minDistance).toBeGreaterThan(0.4 * world.stats.range[0]);
  });

  it('drinks a potion from its inventory when low', () => {
    const world = botWorld(60, 300);
    addItem(world, 0, itemIndex(world.items, 'health_potion'), 1);
    world.health.hp[0] = 20;
    for (let t = 0; t < world.timing.aiRetargetTicks + 2; t++) stepWorld(world);
    expect(world.health.hp[0]).toBe(80);
    expect(countItem(world, 0, itemIndex(world.items, 'health_potion'))).toBe(0);
  });

  it('walks to a visible health pickup when low and has none, picks it up and drinks it', () => {
    const world = botWorld(100, 300);
    const potion = itemIndex(world.items, 'health_potion');
    placeGroundItem(world, potion, 1, 300, 320);
    placeGroundItem(world, itemIndex(world.items, 'chainmail'), 1, 150, 300); // not healing
    world.health.hp[0] = 20;
    let t = 0;
    for (; t < 15 * world.tickRate && world.health.hp[0] < 80; t++) stepWorld(world);
    expect(world.health.hp[0]).toBe(80);
    expect(world.groundItems.count).toBe(1);
    expect(world.groundItems.item[0]).toBe(itemIndex(world.items, 'chainmail'));
    expect(t).toBeLessThan(6 * world.tickRate);
  });

  it('backs away from its target when low and nothing heals', () => {
    const world = botWorld(200, 520);
    const enemy = enemyAt(world, 330, 520);
    world.health.hp[0] = 10;
    world.health.hp[enemy] = 1000;
    for (let t = 0; t < world.timing.aiRetargetTicks + 1; t++) stepWorld(world);
    const before = dist(world, 0, enemy);
    for (let t = 0; t < 10; t++) stepWorld(world);
    expect(world.ai.target[0]).toBe(enemy);
    expect(dist(world, 0, enemy)).toBeGreaterThan(before + 20);
  });
});
