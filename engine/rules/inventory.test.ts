import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  addItem,
  addPlayer,
  countItem,
  createWorld,
  findItem,
  freeSlot,
  itemIndex,
  moveItem,
  removeItem,
  slotItem,
  slotQty,
  type ItemDef,
  type World,
} from '../index';
import { TEST_FIELD } from '../testing/testField';

const items = itemsFile.items as ItemDef[];
const field = TEST_FIELD;

/** A world with one avatar (index 0) and an empty inventory. */
function avatarWorld(inventorySlots?: number): World {
  const world = createWorld(field, {
    seed: 1,
    agents: 0,
    items,
    config: { loadout: [], ...(inventorySlots ? { inventorySlots } : {}) },
  });
  addPlayer(world, 0);
  return world;
}

const potion = (world: World): number => itemIndex(world.items, 'small_health_potion');
const bow = (world: World): number => itemIndex(world.items, 'short_bow');

describe('inventory', () => {
  it('has 28 empty slots by default', () => {
    const world = avatarWorld();
    expect(world.inventory.slots).toBe(28);
    for (let s = 0; s < 28; s++) expect(slotItem(world, 0, s)).toBe(-1);
    expect(freeSlot(world, 0)).toBe(0);
  });

  it('stacks consumables up to maxStack, then opens new slots', () => {
    const world = avatarWorld();
    const p = potion(world);
    expect(world.items.maxStack[p]).toBe(10);
    expect(addItem(world, 0, p, 4)).toBe(0);
    expect(addItem(world, 0, p, 9)).toBe(0);
    expect(slotItem(world, 0, 0)).toBe(p);
    expect(slotQty(world, 0, 0)).toBe(10);
    expect(slotQty(world, 0, 1)).toBe(3);
    expect(countItem(world, 0, p)).toBe(13);
    expect(freeSlot(world, 0)).toBe(2);
  });

  it('never stacks wearables and returns what does not fit', () => {
    const world = avatarWorld(3);
    const b = bow(world);
    expect(addItem(world, 0, b, 5)).toBe(2);
    expect([0, 1, 2].map((s) => slotQty(world, 0, s))).toEqual([1, 1, 1]);
    expect(freeSlot(world, 0)).toBe(-1);
    expect(addItem(world, 0, potion(world), 1)).toBe(1);
  });

  it('removes part of a stack and empties the slot at zero', () => {
    const world = avatarWorld();
    const p = potion(world);
    addItem(world, 0, p, 5);
    expect(removeItem(world, 0, 0, 2)).toBe(2);
    expect(slotQty(world, 0, 0)).toBe(3);
    expect(removeItem(world, 0, 0, 10)).toBe(3);
    expect(slotItem(world, 0, 0)).toBe(-1);
    expect(removeItem(world, 0, 0, 1)).toBe(0);
  });

  it('moves by swapping, merges equal stacks, and refuses bad slots', () => {
    const world = avatarWorld();
    const p = potion(world);
    const b = bow(world);
    addItem(world, 0, b, 1);
    addItem(world, 0, p, 6);
    expect(moveItem(world, 0, 0, 1)).toBe(0);
    expect([slotItem(world, 0, 0), slotItem(world, 0, 1)]).toEqual([p, b]);
    addItem(world, 0, b, 1);
    world.inventory.item[2] = p;
    world.inventory.qty[2] = 7;
    // 6 + 7 > 10: the target fills up, the rest stays.
    expect(moveItem(world, 0, 2, 0)).toBe(0);
    expect([slotQty(world, 0, 0), slotQty(world, 0, 2)]).toEqual([10, 3]);
    expect(moveItem(world, 0, 5, 0)).not.toBe(0);
    expect(moveItem(world, 0, 0, 28)).not.toBe(0);
    expect(moveItem(world, 0, -1, 0)).not.toBe(0);
    expect(findItem(world, 0, b)).toBe(1);
  });

  it('keeps inventories of different units apart', () => {
    const world = avatarWorld();
    addPlayer(world, 1);
    addItem(world, 1, potion(world), 3);
    expect(countItem(world, 0, potion(world))).toBe(0);
    expect(countItem(world, 1, potion(world))).toBe(3);
  });
});
