import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  PICKUP_RADIUS,
  addItem,
  addPlayer,
  applyCommand,
  countItem,
  createWorld,
  groundItemVisible,
  itemIndex,
  placeGroundItem,
  stepWorld,
  unitIndexOf,
  type ItemDef,
  type MapDef,
  type World,
} from '../index';

const items = itemsFile.items as ItemDef[];

function field(pickups: MapDef['pickups'] = []): MapDef {
  return {
    name: 'field',
    width: 600,
    height: 400,
    walls: [],
    spawns: [
      { team: 0, x: 20, y: 20, w: 100, h: 360 },
      { team: 1, x: 480, y: 20, w: 100, h: 360 },
    ],
    pickups,
  };
}

function lone(map = field(), config = {}): { world: World; id: number; i: number } {
  const world = createWorld(map, {
    seed: 5,
    agents: 0,
    items,
    config: { loadout: [], itemDespawnSeconds: 5, ...config },
  });
  const id = addPlayer(world, 0);
  const i = unitIndexOf(world, id);
  world.x[i] = 300;
  world.y[i] = 200;
  return { world, id, i };
}

describe('ground items', () => {
  it('are picked up within the pickup radius only, nearest first', () => {
    const { world, id, i } = lone();
    const potion = itemIndex(world.items, 'health_potion');
    const vest = itemIndex(world.items, 'leather_vest');
    placeGroundItem(world, vest, 1, 300 + PICKUP_RADIUS + 4, 200);
    placeGroundItem(world, potion, 3, 300, 200 + PICKUP_RADIUS - 2);
    applyCommand(world, id, { type: 'pickup' });
    stepWorld(world);
    expect(countItem(world, i, potion)).toBe(3);
    expect(world.groundItems.count).toBe(1);
    applyCommand(world, id, { type: 'pickup' });
    stepWorld(world);
    expect(countItem(world, i, vest)).toBe(0);
    world.x[i] = 310;
    applyCommand(world, id, { type: 'pickup' });
    stepWorld(world);
    expect(countItem(world, i, vest)).toBe(1);
    expect(world.groundItems.count).toBe(0);
  });

  it('leave the part that does not fit on the ground', () => {
    const { world, id, i } = lone(field(), { inventorySlots: 1 });
    const potion = itemIndex(world.items, 'small_health_potion');
    addItem(world, i, potion, 8);
    placeGroundItem(world, potion, 5, 300, 200);
    applyCommand(world, id, { type: 'pickup' });
    stepWorld(world);
    expect(countItem(world, i, potion)).toBe(10);
    expect(world.groundItems.count).toBe(1);
    expect(world.groundItems.qty[0]).toBe(3);
  });

  it('go to the lower unit index when two reach for the same stack', () => {
    const { world, id, i } = lone();
    const other = addPlayer(world, 0);
    const j = unitIndexOf(world, other);
    world.x[j] = 320;
    world.y[j] = 200;
    placeGroundItem(world, itemIndex(world.items, 'ruby_amulet'), 1, 310, 200);
    applyCommand(world, other, { type: 'pickup' });
    applyCommand(world, id, { type: 'pickup' });
    stepWorld(world);
    expect(countItem(world, i, itemIndex(world.items, 'ruby_amulet'))).toBe(1);
    expect(countItem(world, j, itemIndex(world.items, 'ruby_amulet'))).toBe(0);
  });

  it('are visible within a distance, not beyond it, and not once taken', () => {
    const { world } = lone();
    const k = placeGroundItem(world, 0, 1, 400, 200);
    expect(groundItemVisible(world, k, 300, 200, 100)).toBe(true);
    expect(groundItemVisible(world, k, 300, 200, 99)).toBe(false);
    world.groundItems.qty[k] = 0;
    expect(groundItemVisible(world, k, 300, 200, 100)).toBe(false);
    expect(groundItemVisible(world, 7, 300, 200, 1000)).toBe(false);
  });

  it('dropped stacks expire after the despawn time', () => {
    const { world, id, i } = lone();
    addItem(world, i, itemIndex(world.items, 'bandage'), 4);
    expect(applyCommand(world, id, { type: 'drop', slot: 0 })).toEqual({ ok: true });
    stepWorld(world);
    expect(world.groundItems.count).toBe(1);
    expect(world.inventory.item[i * world.inventory.slots]).toBe(-1);
    const dropped = world.tick - 1;
    while (world.groundItems.count > 0) stepWorld(world);
    expect(world.tick - 1 - dropped).toBe(5 * world.tickRate);
  });

  it('come back at a pickup spawner some time after being taken, and never expire there', () => {
    const map = field([{ x: 300, y: 200, item: 'elixir_of_life', respawnSeconds: 3 }]);
    const { world, id, i } = lone(map);
    stepWorld(world);
    expect(world.groundItems.count).toBe(1);
    for (let t = 0; t < 10 * world.tickRate; t++) stepWorld(world);
    expect(world.groundItems.count).toBe(1);
    applyCommand(world, id, { type: 'pickup' });
    stepWorld(world);
    expect(countItem(world, i, itemIndex(world.items, 'elixir_of_life'))).toBe(1);
    expect(world.groundItems.count).toBe(0);
    for (let t = 1; t < 3 * world.tickRate; t++) stepWorld(world);
    expect(world.groundItems.count).toBe(0);
    stepWorld(world);
    expect(world.groundItems.count).toBe(1);
  });

  it('reject maps whose spawners name unknown items', () => {
    expect(() =>
      createWorld(field([{ x: 1, y: 1, item: 'gold_coin' }]), { seed: 1, agents: 0, items }),
    ).toThrow(/unknown item "gold_coin"/);
  });
});
