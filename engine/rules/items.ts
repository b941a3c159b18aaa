import { MAX_LEVEL, SKILLS, SKILL_COUNT, type SkillName } from './skills';

/**
 * The item table: definitions as read from resources/items.json (validated
 * by the zod schema in src/shared/gameConfig.ts) and the same data as
 * struct-of-arrays that the systems read by item index. Items are referred
 * to by their index in the table inside the engine and by their string `id`
 * everywhere else (persistence, commands, maps).
 */

export const RARITIES = ['common', 'uncommon', 'rare', 'epic', 'legendary'] as const;
export type Rarity = (typeof RARITIES)[number];
/** Where an item goes: one of the equipment slots, or used up from the inventory. */
export const ITEM_SLOTS = ['weapon', 'armor', 'trinket', 'consumable'] as const;
export type ItemSlot = (typeof ITEM_SLOTS)[number];
/** Equipment slots; an equipment slot's index here is its column per unit. */
export const EQUIP_SLOTS = ['weapon', 'armor', 'trinket'] as const;
export type EquipSlot = (typeof EQUIP_SLOTS)[number];
export const EQUIP_SLOT_COUNT = EQUIP_SLOTS.length;
/** `ITEM_SLOTS` index of consumables; indices below it are equipment slots. */
export const SLOT_CONSUMABLE = 3;
/** Largest stack an item may declare (inventory quantities are Uint16). */
export const MAX_STACK_LIMIT = 65_535;
/** Most definitions a table holds (item indices are Int16, -1 meaning none). */
export const MAX_ITEM_DEFS = 32_767;

/** Additive bonuses while equipped: HP, world units per second, armor points. */
export interface ItemStats {
  damage?: number;
  maxHp?: number;
  speed?: number;
  armor?: number;
}

/** How a weapon shoots: ms between shots, world units of travel, world units per second. */
export interface WeaponDef {
  cooldownMs: number;
  range: number;
  projectileSpeed: number;
}

/** What using a consumable does: HP restored (capped at max HP). */
export interface ItemUse {
  heal: number;
}

/** One entry of resources/items.json. */
export interface ItemDef {
  /** Stable identifier, referenced by saves, maps and commands. */
  id: string;
  name: string;
  rarity: Rarity;
  slot: ItemSlot;
  description?: string;
  /** Equipment bonuses (ignored for consumables). */
  stats?: ItemStats;
  /** Required for, and only allowed on, weapons. */
  weapon?: WeaponDef;
  /** Required for, and only allowed on, consumables. */
  use?: ItemUse;
  /** Units per inventory slot (default 1). */
  maxStack?: number;
  /** Minimum skill levels to equip. */
  requires?: Partial<Record<SkillName, number>>;
}

/** The table as struct-of-arrays, indexed by item index `0 .. count-1`. */
export interface ItemTable {
  count: number;
  defs: readonly ItemDef[];
  /** Item id → item index. */
  index: ReadonlyMap<string, number>;
  /** Index into ITEM_SLOTS. */
  slot: Uint8Array;
  /** Index into RARITIES. */
  rarity: Uint8Array;
  maxStack: Uint16Array;
  damage: Float64Array;
  maxHp: Float64Array;
  speed: Float64Array;
  armor: Float64Array;
  /** HP restored on use; 0 for non-consumables. */
  heal: Float64Array;
  /** Weapon fields; 0 for non-weapons. */
  cooldownMs: Float64Array;
  range: Float64Array;
  projectileSpeed: Float64Array;
  /** Required level per skill, `[item * SKILL_COUNT + skill]`, 1 when none. */
  requires: Uint8Array;
}

/**
 * Builds the table from definitions (in the order given, which fixes item
 * indices). Throws RangeError naming the first bad entry: empty or
 * duplicate id, unknown slot or rarity, a weapon without `weapon` stats or a
 * non-weapon with them, a consumable without `use`, a non-finite or
 * negative number where one must be positive, a stack outside 1..65535 or a
 * stacking wearable, or a requirement that is not a level 1..99 of a known
 * skill.
 */
export function createItemTable(defs: readonly ItemDef[]): ItemTable {
  const n = defs.length;
  if (n > MAX_ITEM_DEFS) throw new RangeError(`at most ${MAX_ITEM_DEFS} items, got ${n}`);
  const table: ItemTable = {
    count: n,
    defs,
    index: new Map(),
    slot: new Uint8Array(n),
    rarity: new Uint8Array(n),
    maxStack: new Uint16Array(n),
    damage: new Float64Array(n),
    maxHp: new Float64Array(n),
    speed: new Float64Array(n),
    armor: new Float64Array(n),
    heal: new Float64Array(n),
    cooldownMs: new Float64Array(n),
    range: new Float64Array(n),
    projectileSpeed: new Float64Array(n),
    requires: new Uint8Array(n * SKILL_COUNT).fill(1),
  };
  const index = table.index as Map<string, number>;
  for (let k = 0; k < n; k++) {
    const def = defs[k];
    const where = `items[${k}]${typeof def?.id === 'string' ? ` (${def.id})` : ''}`;
    const fail = (what: string): never => {
      throw new RangeError(`${where}: ${what}`);
    };
    if (typeof def?.id !== 'string' || def.id.length === 0) fail('id must be a non-empty string');
    if (index.has(def.id)) fail(`duplicate id "${def.id}"`);
    index.set(def.id, k);
    const slot = (ITEM_SLOTS as readonly string[]).indexOf(def.slot);
    if (slot < 0) fail(`slot must be one of ${ITEM_SLOTS.join(', ')}, got "${def.slot}"`);
    const rarity = (RARITIES as readonly string[]).indexOf(def.rarity);
    if (rarity < 0) fail(`rarity must be one of ${RARITIES.join(', ')}, got "${def.rarity}"`);
    table.slot[k] = slot;
    table.rarity[k] = rarity;
    const maxStack = def.maxStack ?? 1;
    if (!Number.isInteger(maxStack) || maxStack < 1 || maxStack > MAX_STACK_LIMIT) {
      fail(`maxStack must be an integer 1..${MAX_STACK_LIMIT}, got ${maxStack}`);
    }
    if (maxStack > 1 && slot < SLOT_CONSUMABLE) fail('only consumables stack (maxStack > 1)');
    table.maxStack[k] = maxStack;
    const stats = def.stats ?? {};
    table.damage[k] = finite(stats.damage ?? 0, 'stats.damage', fail);
    table.maxHp[k] = finite(stats.maxHp ?? 0, 'stats.maxHp', fail);
    table.speed[k] = finite(stats.speed ?? 0, 'stats.speed', fail);
    table.armor[k] = finite(stats.armor ?? 0, 'stats.armor', fail);
    const isWeapon = def.slot === 'weapon';
    if (isWeapon !== (def.weapon !== undefined)) {
      fail(isWeapon ? 'a weapon needs "weapon" stats' : 'only weapons have "weapon" stats');
    }
    if (def.weapon) {
      table.cooldownMs[k] = positive(def.weapon.cooldownMs, 'weapon.cooldownMs', fail);
      table.range[k] = positive(def.weapon.range, 'weapon.range', fail);
      table.projectileSpeed[k] = positive(
        def.weapon.projectileSpeed,
        'weapon.projectileSpeed',
        fail,
      );
    }
    const isConsumable = def.slot === 'consumable';
    if (isConsumable !== (def.use !== undefined)) {
      fail(isConsumable ? 'a consumable needs "use"' : 'only consumables have "use"');
    }
    if (def.use) table.heal[k] = positive(def.use.heal, 'use.heal', fail);
    for (const [skill, level] of Object.entries(def.requires ?? {})) {
      const s = (SKILLS as readonly string[]).indexOf(skill);
      if (s < 0) fail(`requires names unknown skill "${skill}"`);
      if (!Number.isInteger(level) || (level as number) < 1 || (level as number) > MAX_LEVEL) {
        fail(`requires.${skill} must be a level 1..${MAX_LEVEL}, got ${level}`);
      }
      table.requires[k * SKILL_COUNT + s] = level as number;
    }
  }
  return table;
}

/** An empty table: a world without items (no loadouts, drops or pickup spawners). */
export function emptyItemTable(): ItemTable {
  return createItemTable([]);
}

/** Index of item `id`, or -1 when the table has no such item. */
export function itemIndex(table: ItemTable, id: string): number {
  return table.index.get(id) ?? -1;
}

function finite(v: number, what: string, fail: (what: string) => never): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${what} must be a finite number`);
  return v;
}

function positive(v: number, what: string, fail: (what: string) => never): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(`${what} must be positive`);
  return v;
}
