import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  SKILL_ATTACK,
  addItem,
  addPlayer,
  createWorld,
  equippedItem,
  exportUnitState,
  importUnitState,
  itemIndex,
  stepWorld,
  unitIndexOf,
  xpForLevel,
  type ItemDef,
  type MapDef,
  type UnitState,
} from '../index';

const items = itemsFile.items as ItemDef[];
const field: MapDef = {
  name: 'field',
  width: 600,
  height: 400,
  walls: [{ x: 280, y: 180, w: 40, h: 40 }],
  spawns: [
    { team: 0, x: 20, y: 20, w: 100, h: 360 },
    { team: 1, x: 480, y: 20, w: 100, h: 360 },
  ],
};

function world2() {
  const world = createWorld(field, { seed: 6, agents: 0, items });
  const a = addPlayer(world, 0);
  const b = addPlayer(world, 1);
  return { world, a, b };
}

describe('unit state for persistence', () => {
  it('exports plain data and imports it into another unit exactly', () => {
    const { world, a, b } = world2();
    const i = unitIndexOf(world, a);
    addItem(world, i, itemIndex(world.items, 'ruby_amulet'), 1);
    world.skills.xp[i * 3 + SKILL_ATTACK] = xpForLevel(12) + 5;
    world.x[i] = 100.5;
    world.y[i] = 90.25;
    world.health.hp[i] = 61;
    const state = exportUnitState(world, a)!;
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.inventory).toHaveLength(28);
    expect(state.inventory[0]).toEqual({ item: 'small_health_potion', qty: 1 });
    expect(state.inventory[1]).toEqual({ item: 'ruby_amulet', qty: 1 });
    expect(state.equipment).toEqual({ weapon: 'short_bow', armor: null, trinket: null });
    expect(state.xp.attack).toBe(xpForLevel(12) + 5);
    expect(importUnitState(world, b, state)).toEqual([]);
    const j = unitIndexOf(world, b);
    expect(exportUnitState(world, b)).toEqual(state);
    expect(world.skills.level[j * 3 + SKILL_ATTACK]).toBe(12);
    expect(equippedItem(world, j, 0)).toBe(itemIndex(world.items, 'short_bow'));
    expect(exportUnitState(world, 424242)).toBeNull();
  });

  it('skips what this world cannot hold and reports it', () => {
    const { world, b } = world2();
    const state: UnitState = {
      x: 300, // inside the wall: pushed out
      y: 200,
      hp: 9999,
      xp: { attack: -5, defence: 1e12, vitality: 0 },
      inventory: [
        { item: 'mystery_box', qty: 1 },
        { item: 'bandage', qty: 500 },
        { item: 'bandage', qty: 3 },
        ...Array.from({ length: 27 }, () => null),
        { item: 'bandage', qty: 1 },
      ],
      equipment: { weapon: 'leather_vest', armor: 'gone_item', trinket: 'feather_charm' },
    };
    const problems = importUnitState(world, b, state);
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/mystery_box/);
    expect(problems.join('\n')).toMatch(/quantity 500/);
    expect(problems.join('\n')).toMatch(/beyond 28 slots/);
    const j = unitIndexOf(world, b);
    const after = exportUnitState(world, b)!;
    expect(after.inventory[2]).toEqual({ item: 'bandage', qty: 3 });
    expect(after.equipment).toEqual({ weapon: null, armor: null, trinket: 'feather_charm' });
    expect(after.xp).toEqual({ attack: 0, defence: 200_000_000, vitality: 0 });
    expect(after.hp).toBe(world.stats.maxHp[j]);
    const clear = Math.max(Math.abs(after.x - 300) - 20, Math.abs(after.y - 200) - 20);
    expect(clear).toBeGreaterThanOrEqual(world.agentRadius - 1e-9);
    stepWorld(world);
  });

  it('refuses a missing unit or a shape that is not a unit state', () => {
    const { world, a } = world2();
    expect(() => importUnitState(world, 777, exportUnitState(world, a)!)).toThrow(RangeError);
    expect(() => importUnitState(world, a, { x: 1 } as unknown as UnitState)).toThrow(RangeError);
  });
});
