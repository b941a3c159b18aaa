import { healUnit } from './health';
import { isSlot, removeItem } from './inventory';
import { SLOT_CONSUMABLE } from './items';
import {
  REJECT_EMPTY_SLOT,
  REJECT_NO_EFFECT,
  REJECT_NONE,
  REJECT_NOT_USABLE,
  REJECT_OUT_OF_RANGE,
} from '../sim/rejections';
import type { World } from '../world/world';

/**
 * Using items: a consumable in an inventory slot is spent one at a time
 * for its effect (today: healing, capped at max HP).
 */

/**
 * Why unit `i` cannot use the item in inventory slot `slot`, or
 * REJECT_NONE: the slot must hold a consumable whose effect would change
 * something (a heal below max HP).
 */
export function canUse(world: World, i: number, slot: number): number {
  const inv = world.inventory;
  if (!isSlot(slot, inv.slots)) return REJECT_OUT_OF_RANGE;
  const item = inv.item[i * inv.slots + slot];
  if (item < 0) return REJECT_EMPTY_SLOT;
  if (world.items.slot[item] !== SLOT_CONSUMABLE) return REJECT_NOT_USABLE;
  if (world.health.hp[i] >= world.stats.maxHp[i]) return REJECT_NO_EFFECT;
  return REJECT_NONE;
}

/** Uses one of the item in unit `i`'s slot `slot` (see `canUse`). Returns REJECT_NONE or why not. */
export function useItem(world: World, i: number, slot: number): number {
  const reason = canUse(world, i, slot);
  if (reason !== REJECT_NONE) return reason;
  const item = world.inventory.item[i * world.inventory.slots + slot];
  healUnit(world, i, world.items.heal[item]);
  removeItem(world, i, slot, 1);
  return REJECT_NONE;
}
