import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  KIND_AGENT,
  KIND_AVATAR,
  addPlayer,
  applyCommand,
  createWorld,
  playerCount,
  removePlayer,
  setAgentCount,
  setBehavior,
  stepWorld,
  unitIndexOf,
  type ItemDef,
  type MapDef,
} from '../index';

const items = itemsFile.items as ItemDef[];
const field: MapDef = {
  name: 'field',
  width: 800,
  height: 400,
  walls: [],
  spawns: [
    { team: 0, x: 20, y: 20, w: 100, h: 360 },
    { team: 1, x: 680, y: 20, w: 100, h: 360 },
  ],
};

describe('players and bots', () => {
  it('adds avatars to a team within the player limit and removes them by id', () => {
    const world = createWorld(field, { seed: 1, agents: 4, items, config: { playerLimit: 2 } });
    const a = addPlayer(world, 1);
    const b = addPlayer(world, 0);
    expect(playerCount(world)).toBe(2);
    expect(() => addPlayer(world, 0)).toThrow(/player limit 2/);
    expect(() => addPlayer(world, 2)).toThrow(/team must be an integer 0\.\.1/);
    const i = unitIndexOf(world, a);
    expect(world.kind[i]).toBe(KIND_AVATAR);
    expect(world.team[i]).toBe(1);
    expect(world.x[i]).toBeGreaterThanOrEqual(680);
    expect(removePlayer(world, a)).toBe(true);
    expect(removePlayer(world, a)).toBe(false);
    // Bots are not players.
    expect(removePlayer(world, world.id[0])).toBe(false);
    expect(unitIndexOf(world, a)).toBe(-1);
    expect(world.kind[unitIndexOf(world, b)]).toBe(KIND_AVATAR);
    expect(applyCommand(world, a, { type: 'fire' })).toMatchObject({
      ok: false,
      reason: 'no_unit',
    });
    addPlayer(world, 0);
    expect(playerCount(world)).toBe(2);
  });

  it('keeps every other unit, its state and its id lookup intact across removals', () => {
    const world = createWorld(field, { seed: 2, agents: 6, items });
    const p = addPlayer(world, 0);
    setAgentCount(world, 10);
    for (let t = 0; t < 30; t++) stepWorld(world);
    const snapshot = new Map<number, [number, number, number]>();
    for (let i = 0; i < world.count; i++) {
      snapshot.set(world.id[i], [world.x[i], world.health.hp[i], world.inventory.item[i * 28]]);
    }
    removePlayer(world, p);
    setAgentCount(world, 7);
    expect(world.count).toBe(7);
    for (let i = 0; i < world.count; i++) {
      expect(unitIndexOf(world, world.id[i])).toBe(i);
      expect(world.kind[i]).toBe(KIND_AGENT);
      expect(snapshot.get(world.id[i])).toEqual([
        world.x[i],
        world.health.hp[i],
        world.inventory.item[i * 28],
      ]);
    }
    for (let t = 0; t < 30; t++) stepWorld(world);
  });

  it('balances bots over the teams (players are not counted)', () => {
    const world = createWorld(field, { seed: 3, agents: 0, items });
    addPlayer(world, 0);
    setAgentCount(world, 4);
    expect(Array.from(world.team.subarray(1, 5))).toEqual([0, 1, 0, 1]);
    world.team.fill(0, 1, 5);
    setAgentCount(world, 8);
    expect(Array.from(world.team.subarray(5, 9))).toEqual([1, 1, 1, 1]);
    expect(() => setAgentCount(world, -1)).toThrow(RangeError);
  });

  it('hands a bot to an external behavior, which then drives it through intents', () => {
    const world = createWorld(field, {
      seed: 4,
      agents: 1,
      items,
      config: { teams: [{ name: 'Solo' }] },
    });
    expect(setBehavior(world, world.id[0], 3)).toBe(true);
    expect(setBehavior(world, 999, 3)).toBe(false);
    expect(() => setBehavior(world, world.id[0], 70_000)).toThrow(RangeError);
    world.intent.moveX[0] = 1;
    world.intent.moveY[0] = 0;
    const x = world.x[0];
    for (let t = 0; t < 10; t++) stepWorld(world);
    expect(world.x[0] - x).toBeCloseTo((10 * world.agentSpeed) / world.tickRate, 6);
    // Garbage intents from outside stop the unit rather than corrupt it.
    world.intent.moveX[0] = Number.NaN;
    world.intent.aimX[0] = Infinity;
    stepWorld(world);
    expect(Number.isFinite(world.x[0])).toBe(true);
    expect(Number.isFinite(world.combat.aimX[0])).toBe(true);
    world.intent.action[0] = 200;
    world.intent.slot[0] = -7;
    stepWorld(world);
    expect(world.rejections[0]).toBe(1); // malformed
  });
});
