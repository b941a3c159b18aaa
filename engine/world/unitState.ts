import { EQUIP_SLOTS, EQUIP_SLOT_COUNT, itemIndex, type EquipSlot } from '../rules/items';
import { MAX_XP, SKILLS, SKILL_COUNT, levelForXp, type SkillName } from '../rules/skills';
import { recomputeStats } from '../rules/stats';
import { resolveAgentWalls } from '../systems/walls';
import { unitIndexOf } from './units';
import type { World } from './world';
import type { UnitState } from './unitStateType';

export type { UnitState };

/** The durable state of unit `id`, or null when no unit has that id. */
export function exportUnitState(world: World, id: number): UnitState | null {
  const i = unitIndexOf(world, id);
  if (i < 0) return null;
  const defs = world.items.defs;
  const inv = world.inventory;
  const inventory: UnitState['inventory'] = [];
  for (let s = 0; s < inv.slots; s++) {
    const item = inv.item[i * inv.slots + s];
    inventory.push(item < 0 ? null : { item: defs[item].id, qty: inv.qty[i * inv.slots + s] });
  }
  const xp = {} as Record<SkillName, number>;
  SKILLS.forEach((name, s) => (xp[name] = world.skills.xp[i * SKILL_COUNT + s]));
  const equipment = {} as Record<EquipSlot, string | null>;
  EQUIP_SLOTS.forEach((name, e) => {
    const item = world.equipment.item[i * EQUIP_SLOT_COUNT + e];
    equipment[name] = item < 0 ? null : defs[item].id;
  });
  return { x: world.x[i], y: world.y[i], hp: world.health.hp[i], xp, inventory, equipment };
}

/**
 * Overwrites unit `id`'s durable state with `state` (typically a save
 * loaded for a returning player). XP is clamped to 0..MAX_XP and levels
 * follow from it; equipment is worn without requirement checks (it was
 * legal when saved); inventory slots past this world's slot count, items
 * unknown to this item table, items in the wrong equipment slot and bad
 * quantities are skipped and reported; the position is pushed out of walls
 * and into the map; HP is clamped to 1..max HP for a live unit (a dead one
 * respawns with full HP). Returns the list of problems (empty when all of
 * it applied). Throws RangeError when no unit has that id or the shape is
 * not a UnitState.
 */
export function importUnitState(world: World, id: number, state: UnitState): string[] {
  const i = unitIndexOf(world, id);
  if (i < 0) throw new RangeError(`no unit with id ${id}`);
  if (!isUnitState(state))
    throw new RangeError('not a unit state: needs x, y, hp, xp, inventory and equipment');
  world.log?.entries.push({
    tick: world.tick,
    op: 'importUnit',
    id,
    state: JSON.parse(JSON.stringify(state)) as UnitState,
  });
  const problems: string[] = [];
  const table = world.items;
  const inv = world.inventory;
  for (let s = 0; s < inv.slots; s++) {
    inv.item[i * inv.slots + s] = -1;
    inv.qty[i * inv.slots + s] = 0;
  }
  state.inventory.forEach((entry, s) => {
    if (entry === null) return;
    if (s >= inv.slots)
      return void problems.push(`inventory slot ${s}: beyond ${inv.slots} slots, skipped`);
    const item = itemIndex(table, entry.item);
    if (item < 0)
      return void problems.push(`inventory slot ${s}: unknown item "${entry.item}", skipped`);
    const qty = entry.qty;
    if (!Number.isInteger(qty) || qty < 1 || qty > table.maxStack[item]) {
      return void problems.push(
        `inventory slot ${s}: quantity ${qty} not 1..${table.maxStack[item]}, skipped`,
      );
    }
    inv.item[i * inv.slots + s] = item;
    inv.qty[i * inv.slots + s] = qty;
  });
  EQUIP_SLOTS.forEach((name, e) => {
    const id = state.equipment[name] ?? null;
    let item = -1;
    if (id !== null) {
      item = itemIndex(table, id);
      if (item < 0) problems.push(`equipment ${name}: unknown item "${id}", skipped`);
      else if (table.slot[item] !== e) {
        problems.push(`equipment ${name}: "${id}" is not worn there, skipped`);
        item = -1;
      }
    }
    world.equipment.item[i * EQUIP_SLOT_COUNT + e] = item;
  });
  SKILLS.forEach((name, s) => {
    const raw = state.xp[name] ?? 0;
    const xp = Number.isFinite(raw) ? Math.min(MAX_XP, Math.max(0, Math.floor(raw))) : 0;
    world.skills.xp[i * SKILL_COUNT + s] = xp;
    world.skills.level[i * SKILL_COUNT + s] = levelForXp(xp);
    world.skills.pending[i * SKILL_COUNT + s] = 0;
  });
  recomputeStats(world, i);
  world.x[i] = state.x;
  world.y[i] = state.y;
  resolveAgentWalls(world, i);
  if (world.health.alive[i]) {
    const hp = Number.isFinite(state.hp) ? Math.round(state.hp) : world.stats.maxHp[i];
    world.health.hp[i] = Math.min(world.stats.maxHp[i], Math.max(1, hp));
  }
  world.dirty[i] = 0;
  return problems;
}

function isUnitState(s: unknown): s is UnitState {
  if (typeof s !== 'object' || s === null) return false;
  const u = s as Record<string, unknown>;
  return (
    Number.isFinite(u.x) &&
    Number.isFinite(u.y) &&
    typeof u.hp === 'number' &&
    typeof u.xp === 'object' &&
    u.xp !== null &&
    Array.isArray(u.inventory) &&
    u.inventory.every((e) => e === null || (typeof e === 'object' && typeof e.item === 'string')) &&
    typeof u.equipment === 'object' &&
    u.equipment !== null
  );
}
