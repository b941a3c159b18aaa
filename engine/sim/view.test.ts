import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  KIND_AGENT,
  KIND_AVATAR,
  KIND_ITEM,
  KIND_PROJECTILE,
  NO_TEAM,
  addPlayer,
  applyCommand,
  collectView,
  createViewBuffers,
  createWorld,
  damageUnit,
  itemIndex,
  placeGroundItem,
  stepWorld,
  unitIndexOf,
  viewSize,
  type ItemDef,
} from '../index';
import { TEST_FIELD } from '../testing/testField';

const items = itemsFile.items as ItemDef[];
const field = TEST_FIELD;

function scene() {
  const world = createWorld(field, { seed: 8, agents: 2, items });
  const me = addPlayer(world, 1);
  const i = unitIndexOf(world, me);
  world.x[i] = 300;
  world.y[i] = 200;
  applyCommand(world, me, { type: 'aim', angle: Math.PI / 2 });
  applyCommand(world, me, { type: 'fire' });
  stepWorld(world);
  placeGroundItem(world, itemIndex(world.items, 'bandage'), 2, 250, 250);
  damageUnit(world, i, 25, -1);
  return { world, me, i };
}

describe('view extraction', () => {
  it('writes one row per unit, projectile and ground item with kind, team, pose, HP and item', () => {
    const { world, me, i } = scene();
    const view = createViewBuffers(16);
    const n = collectView(world, view);
    expect(n).toBe(viewSize(world));
    expect(n).toBe(5);
    expect(Array.from(view.kind.subarray(0, n))).toEqual([
      KIND_AGENT,
      KIND_AGENT,
      KIND_AVATAR,
      KIND_PROJECTILE,
      KIND_ITEM,
    ]);
    expect(view.id[2]).toBe(me);
    expect(view.team[2]).toBe(1);
    expect(view.x[2]).toBeCloseTo(world.x[i], 3);
    expect(view.aim[2]).toBeCloseTo(Math.PI / 2, 6);
    expect(view.hp[2]).toBeCloseTo(0.75, 6);
    expect(view.alive[2]).toBe(1);
    expect(view.item[2]).toBe(itemIndex(world.items, 'short_bow'));
    expect(view.team[3]).toBe(1);
    expect(view.aim[3]).toBeCloseTo(Math.PI / 2, 6);
    expect(view.hp[3]).toBe(0);
    expect(view.team[4]).toBe(NO_TEAM);
    expect(view.item[4]).toBe(itemIndex(world.items, 'bandage'));
    const ids = new Set(view.id.subarray(0, n));
    expect(ids.size).toBe(n);
  });

  it('marks dead units and gives them HP 0', () => {
    const { world, i } = scene();
    damageUnit(world, i, 1000, -1);
    stepWorld(world);
    const view = createViewBuffers(16);
    collectView(world, view);
    expect(view.alive[2]).toBe(0);
    expect(view.hp[2]).toBe(0);
  });

  it('counts what does not fit and filters by an area of interest', () => {
    const { world } = scene();
    const small = createViewBuffers(3);
    expect(collectView(world, small)).toBe(3);
    expect(small.dropped).toBe(2);
    const view = createViewBuffers(16);
    const n = collectView(world, view, { x: 270, y: 230, radius: 60 });
    // The avatar (300, 200 → ~42 away), its shot just below it and the bandage.
    expect(Array.from(view.kind.subarray(0, n))).toEqual([KIND_AVATAR, KIND_PROJECTILE, KIND_ITEM]);
    expect(() => createViewBuffers(0)).toThrow(RangeError);
  });
});
