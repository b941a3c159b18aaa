import { DIRTY_EQUIPMENT, DIRTY_INVENTORY } from '../world/components';
import { freeSlot, isSlot } from './inventory';
import { EQUIP_SLOT_COUNT, SLOT_CONSUMABLE } from './items';
import {
  REJECT_EMPTY_SLOT,
  REJECT_INVENTORY_FULL,
  REJECT_NONE,
  REJECT_NOT_EQUIPPABLE,
  REJECT_OUT_OF_RANGE,
  REJECT_REQUIREMENTS,
} from '../sim/rejections';
import { SKILL_COUNT } from './skills';
import { recomputeStats } from './stats';
import type { World } from '../world/world';

/**
 * Equipment service: three slots per unit (EQUIP_SLOTS: weapon, armor,
 * trinket). Equipping takes an item from an inventory slot and puts what
 * was worn into that same slot (a swap, so it never needs room);
 * unequipping needs a free inventory slot. Every change recomputes the
 * unit's stats (damage, max HP, speed, armor, weapon).
 */

/** Item index worn by unit `i` in equipment slot `e` (0..2), -1 when empty. */
export function equippedItem(world: World, i: number, e: number): number {
  return world.equipment.item[i * EQUIP_SLOT_COUNT + e];
}

/**
 * Why unit `i` cannot equip the item in inventory slot `slot`, or
 * REJECT_NONE: the slot must exist and hold a weapon, armor or trinket
 * whose skill requirements the unit's levels meet.
 */
export function canEquip(world: World, i: number, slot: number): number {
  const inv = world.inventory;
  if (!isSlot(slot, inv.slots)) return REJECT_OUT_OF_RANGE;
  const item = inv.item[i * inv.slots + slot];
  if (item < 0) return REJECT_EMPTY_SLOT;
  if (world.items.slot[item] >= SLOT_CONSUMABLE) return REJECT_NOT_EQUIPPABLE;
  const req = world.items.requires;
  const level = world.skills.level;
  for (let s = 0; s < SKILL_COUNT; s++) {
    if (level[i * SKILL_COUNT + s] < req[item * SKILL_COUNT + s]) return REJECT_REQUIREMENTS;
  }
  return REJECT_NONE;
}

/**
 * Equips the item in unit `i`'s inventory slot `slot` (see `canEquip`),
 * swapping any item worn in that equipment slot into the inventory slot.
 * Returns REJECT_NONE or the reason it did nothing.
 */
export function equipFromInventory(world: World, i: number, slot: number): number {
  const reason = canEquip(world, i, slot);
  if (reason !== REJECT_NONE) return reason;
  const inv = world.inventory;
  const at = i * inv.slots + slot;
  const item = inv.item[at];
  const e = i * EQUIP_SLOT_COUNT + world.items.slot[item];
  const worn = world.equipment.item[e];
  world.equipment.item[e] = item;
  // Wearables never stack (createItemTable), so the slot held exactly one.
  inv.item[at] = worn;
  inv.qty[at] = worn >= 0 ? 1 : 0;
  world.dirty[i] |= DIRTY_EQUIPMENT | DIRTY_INVENTORY;
  recomputeStats(world, i);
  return REJECT_NONE;
}

/**
 * Moves what unit `i` wears in equipment slot `e` (0..2) into its lowest
 * free inventory slot. Returns REJECT_NONE, REJECT_OUT_OF_RANGE,
 * REJECT_EMPTY_SLOT or REJECT_INVENTORY_FULL.
 */
export function unequip(world: World, i: number, e: number): number {
  if (!isSlot(e, EQUIP_SLOT_COUNT)) return REJECT_OUT_OF_RANGE;
  const at = i * EQUIP_SLOT_COUNT + e;
  const worn = world.equipment.item[at];
  if (worn < 0) return REJECT_EMPTY_SLOT;
  if (freeSlot(world, i) < 0) return REJECT_INVENTORY_FULL;
  placeInFreeSlot(world, i, worn);
  world.equipment.item[at] = -1;
  world.dirty[i] |= DIRTY_EQUIPMENT | DIRTY_INVENTORY;
  recomputeStats(world, i);
  return REJECT_NONE;
}

/**
 * Puts item `item` straight into equipment slot of its kind for unit `i`
 * (spawn loadouts, state import), ignoring requirements and discarding
 * whatever was worn there. Returns false for consumables.
 */
export function forceEquip(world: World, i: number, item: number): boolean {
  const slot = world.items.slot[item];
  if (slot >= SLOT_CONSUMABLE) return false;
  world.equipment.item[i * EQUIP_SLOT_COUNT + slot] = item;
  world.dirty[i] |= DIRTY_EQUIPMENT;
  recomputeStats(world, i);
  return true;
}

function placeInFreeSlot(world: World, i: number, item: number): void {
  const s = freeSlot(world, i);
  if (s < 0) return;
  const inv = world.inventory;
  inv.item[i * inv.slots + s] = item;
  inv.qty[i * inv.slots + s] = 1;
}
