import { describe, expect, it } from 'vitest';
import itemsFile from '../../resources/items.json';
import {
  EQUIP_SLOTS,
  ITEM_SLOTS,
  RARITIES,
  createItemTable,
  itemIndex,
  type ItemDef,
} from '../index';

const items = itemsFile.items as ItemDef[];

describe('item table', () => {
  it('loads resources/items.json: 12+ items over every slot, several rarities', () => {
    const table = createItemTable(items);
    expect(table.count).toBeGreaterThanOrEqual(12);
    for (let s = 0; s < ITEM_SLOTS.length; s++) {
      expect(Array.from(table.slot).filter((v) => v === s).length).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(table.rarity).size).toBe(RARITIES.length);
    const bow = itemIndex(table, 'short_bow');
    expect(ITEM_SLOTS[table.slot[bow]]).toBe('weapon');
    expect(table.cooldownMs[bow]).toBe(600);
    expect(EQUIP_SLOTS[table.slot[itemIndex(table, 'plate_armor')]]).toBe('armor');
    expect(table.heal[itemIndex(table, 'health_potion')]).toBe(60);
    expect(table.maxStack[itemIndex(table, 'bandage')]).toBe(20);
    expect(itemIndex(table, 'nothing')).toBe(-1);
  });

  it('rejects bad definitions naming the entry', () => {
    const ok: ItemDef = { id: 'rock', name: 'Rock', rarity: 'common', slot: 'trinket' };
    const bad = (patch: Partial<ItemDef> | Record<string, unknown>) => () =>
      createItemTable([ok, { ...ok, id: 'x', ...patch } as ItemDef]);
    expect(bad({ id: 'rock' })).toThrow(/duplicate id "rock"/);
    expect(bad({ slot: 'boots' })).toThrow(/items\[1\] \(x\): slot must be one of/);
    expect(bad({ rarity: 'mythic' })).toThrow(/rarity/);
    expect(bad({ slot: 'weapon' })).toThrow(/needs "weapon" stats/);
    expect(bad({ weapon: { cooldownMs: 1, range: 1, projectileSpeed: 1 } })).toThrow(
      /only weapons/,
    );
    expect(bad({ slot: 'consumable' })).toThrow(/needs "use"/);
    expect(bad({ slot: 'consumable', use: { heal: 0 } })).toThrow(/use.heal must be positive/);
    expect(bad({ maxStack: 5 })).toThrow(/only consumables stack/);
    expect(bad({ stats: { damage: Number.NaN } })).toThrow(/stats.damage/);
    expect(bad({ requires: { attack: 100 } })).toThrow(/requires.attack/);
    expect(bad({ requires: { fishing: 3 } })).toThrow(/unknown skill "fishing"/);
  });
});
