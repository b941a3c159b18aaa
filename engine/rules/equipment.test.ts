import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  BASE_COOLDOWN_MS,
  BASE_DAMAGE,
  BASE_MAX_HP,
  DEFAULT_AGENT_SPEED,
  REJECT_REASONS,
  SKILL_ATTACK,
  SKILL_COUNT,
  addItem,
  addPlayer,
  canEquip,
  createWorld,
  equipFromInventory,
  equippedItem,
  freeSlot,
  itemIndex,
  slotItem,
  unequip,
  xpForLevel,
  type ItemDef,
  type World,
} from '../index';
import { TEST_FIELD } from '../testing/testField';

const items = itemsFile.items as ItemDef[];
const field = TEST_FIELD;

function avatarWorld(config = {}): World {
  const world = createWorld(field, {
    seed: 1,
    agents: 0,
    items,
    config: { loadout: [], ...config },
  });
  addPlayer(world, 0);
  return world;
}

const reason = (code: number): string => (code === 0 ? 'ok' : REJECT_REASONS[code - 1]);
const give = (world: World, id: string): number => {
  addItem(world, 0, itemIndex(world.items, id), 1);
  return itemIndex(world.items, id);
};

describe('equipment', () => {
  it('starts a unit on base stats', () => {
    const world = avatarWorld();
    expect(world.stats.maxHp[0]).toBe(BASE_MAX_HP);
    expect(world.stats.damage[0]).toBeCloseTo(BASE_DAMAGE, 9);
    expect(world.stats.speed[0]).toBe(DEFAULT_AGENT_SPEED);
    expect(world.stats.fireTicks[0]).toBe(Math.round((BASE_COOLDOWN_MS * 20) / 1000));
    expect(world.health.hp[0]).toBe(BASE_MAX_HP);
  });

  it('equips a weapon: damage, cooldown and range follow it, and it leaves the inventory', () => {
    const world = avatarWorld();
    const bow = give(world, 'short_bow');
    expect(reason(equipFromInventory(world, 0, 0))).toBe('ok');
    expect(equippedItem(world, 0, 0)).toBe(bow);
    expect(slotItem(world, 0, 0)).toBe(-1);
    expect(world.stats.damage[0]).toBeCloseTo(BASE_DAMAGE + 2, 9);
    expect(world.stats.fireTicks[0]).toBe(12); // 600 ms at 20 Hz
    expect(world.stats.range[0]).toBe(240);
  });

  it('swaps the worn piece into the slot the new one came from', () => {
    const world = avatarWorld();
    const vest = give(world, 'leather_vest');
    const charm = give(world, 'feather_charm');
    equipFromInventory(world, 0, 0);
    expect(world.stats.maxHp[0]).toBe(BASE_MAX_HP + 10);
    expect(world.stats.armor[0]).toBe(10);
    equipFromInventory(world, 0, 1);
    expect(world.stats.speed[0]).toBe(DEFAULT_AGENT_SPEED + 15);
    // Equip another armor: the vest comes back into that inventory slot.
    world.skills.level[0 * SKILL_COUNT + 1] = 10;
    const chain = give(world, 'chainmail');
    const slot = 0;
    expect(slotItem(world, 0, slot)).toBe(chain);
    expect(reason(equipFromInventory(world, 0, slot))).toBe('ok');
    expect(slotItem(world, 0, slot)).toBe(vest);
    expect(equippedItem(world, 0, 1)).toBe(chain);
    expect(equippedItem(world, 0, 2)).toBe(charm);
    expect(world.stats.speed[0]).toBe(DEFAULT_AGENT_SPEED + 15 - 8);
    expect(world.stats.maxHp[0]).toBe(BASE_MAX_HP);
  });

  it('unequips into the lowest free slot and needs one', () => {
    const world = avatarWorld({ inventorySlots: 2 });
    give(world, 'leather_vest');
    equipFromInventory(world, 0, 0);
    give(world, 'short_bow');
    give(world, 'short_bow');
    expect(freeSlot(world, 0)).toBe(-1);
    expect(reason(unequip(world, 0, 1))).toBe('inventory_full');
    expect(world.stats.armor[0]).toBe(10);
    world.inventory.item[1] = -1;
    world.inventory.qty[1] = 0;
    expect(reason(unequip(world, 0, 1))).toBe('ok');
    expect(slotItem(world, 0, 1)).toBe(itemIndex(world.items, 'leather_vest'));
    expect(world.stats.armor[0]).toBe(0);
    expect(reason(unequip(world, 0, 1))).toBe('empty_slot');
    expect(reason(unequip(world, 0, 3))).toBe('out_of_range');
  });

  it('enforces skill requirements, slot kinds and slot numbers', () => {
    const world = avatarWorld();
    give(world, 'longbow'); // requires attack 5
    give(world, 'small_health_potion');
    expect(reason(canEquip(world, 0, 0))).toBe('requirements');
    expect(reason(canEquip(world, 0, 1))).toBe('not_equippable');
    expect(reason(canEquip(world, 0, 2))).toBe('empty_slot');
    expect(reason(canEquip(world, 0, 28))).toBe('out_of_range');
    expect(reason(canEquip(world, 0, 1.5))).toBe('out_of_range');
    world.skills.xp[SKILL_ATTACK] = xpForLevel(5);
    world.skills.level[SKILL_ATTACK] = 5;
    expect(reason(equipFromInventory(world, 0, 0))).toBe('ok');
  });

  it('scales damage with the config damage scale and the attack level', () => {
    const world = avatarWorld({ damageScale: 0.5 });
    expect(world.stats.damage[0]).toBeCloseTo(BASE_DAMAGE * 0.5, 9);
    world.skills.level[SKILL_ATTACK] = 11;
    give(world, 'short_bow');
    equipFromInventory(world, 0, 0);
    expect(world.stats.damage[0]).toBeCloseTo((BASE_DAMAGE + 2) * 1.1 * 0.5, 9);
  });

  it('cuts HP to a lower max HP but does not heal on a higher one', () => {
    const world = avatarWorld();
    world.skills.level[2] = 10; // vitality 10: +2 HP per level above 1
    give(world, 'ruby_amulet');
    equipFromInventory(world, 0, 0);
    expect(world.stats.maxHp[0]).toBe(BASE_MAX_HP + 18 + 30);
    expect(world.health.hp[0]).toBe(BASE_MAX_HP);
    world.health.hp[0] = BASE_MAX_HP + 18 + 30;
    unequip(world, 0, 2);
    expect(world.stats.maxHp[0]).toBe(BASE_MAX_HP + 18);
    expect(world.health.hp[0]).toBe(BASE_MAX_HP + 18);
  });
});
