import { DIRTY_INVENTORY } from '../world/components';
import { REJECT_EMPTY_SLOT, REJECT_NONE, REJECT_OUT_OF_RANGE } from '../sim/rejections';
import type { World } from '../world/world';

/**
 * Inventory service: `world.inventory.slots` slots per unit (28 by
 * default), each holding one item index and a quantity up to the item's
 * `maxStack`. Slot s of unit i lives at `[i * slots + s]`; item -1 is an
 * empty slot (quantity 0). Units are indices; quantities are whole items.
 */

/** Item index in unit `i`'s slot `slot`, -1 when empty. */
export function slotItem(world: World, i: number, slot: number): number {
  return world.inventory.item[i * world.inventory.slots + slot];
}

/** Quantity in unit `i`'s slot `slot` (0 when empty). */
export function slotQty(world: World, i: number, slot: number): number {
  return world.inventory.qty[i * world.inventory.slots + slot];
}

/** Lowest empty slot of unit `i`, or -1 when the inventory is full. */
export function freeSlot(world: World, i: number): number {
  const { slots, item } = world.inventory;
  const base = i * slots;
  for (let s = 0; s < slots; s++) if (item[base + s] < 0) return s;
  return -1;
}

/** Lowest slot of unit `i` holding item `item`, or -1. */
export function findItem(world: World, i: number, item: number): number {
  const { slots } = world.inventory;
  const base = i * slots;
  for (let s = 0; s < slots; s++) if (world.inventory.item[base + s] === item) return s;
  return -1;
}

/** Total quantity of item `item` across unit `i`'s inventory. */
export function countItem(world: World, i: number, item: number): number {
  const { slots, qty } = world.inventory;
  const base = i * slots;
  let total = 0;
  for (let s = 0; s < slots; s++)
    if (world.inventory.item[base + s] === item) total += qty[base + s];
  return total;
}

/**
 * Adds `qty` of item `item` to unit `i`: first onto existing stacks of that
 * item (lowest slot first, up to `maxStack`), then into empty slots (lowest
 * first). Returns the quantity that did not fit (0 when all of it did).
 */
export function addItem(world: World, i: number, item: number, qty: number): number {
  const inv = world.inventory;
  const { slots } = inv;
  const max = world.items.maxStack[item];
  const base = i * slots;
  let left = qty;
  if (max > 1) {
    for (let s = 0; s < slots && left > 0; s++) {
      const at = base + s;
      if (inv.item[at] !== item || inv.qty[at] >= max) continue;
      const moved = Math.min(left, max - inv.qty[at]);
      inv.qty[at] += moved;
      left -= moved;
    }
  }
  for (let s = 0; s < slots && left > 0; s++) {
    const at = base + s;
    if (inv.item[at] >= 0) continue;
    const moved = Math.min(left, max);
    inv.item[at] = item;
    inv.qty[at] = moved;
    left -= moved;
  }
  if (left !== qty) world.dirty[i] |= DIRTY_INVENTORY;
  return left;
}

/**
 * Removes up to `qty` from unit `i`'s slot `slot`, emptying the slot when
 * nothing is left. Returns the quantity removed.
 */
export function removeItem(world: World, i: number, slot: number, qty: number): number {
  const inv = world.inventory;
  const at = i * inv.slots + slot;
  if (inv.item[at] < 0 || qty <= 0) return 0;
  const removed = Math.min(qty, inv.qty[at]);
  inv.qty[at] -= removed;
  if (inv.qty[at] === 0) inv.item[at] = -1;
  world.dirty[i] |= DIRTY_INVENTORY;
  return removed;
}

/**
 * Moves unit `i`'s slot `from` to slot `to`: onto a stack of the same item
 * as far as `maxStack` allows (the rest stays in `from`), otherwise the two
 * slots swap. Returns REJECT_NONE, REJECT_OUT_OF_RANGE for a slot outside
 * the inventory, or REJECT_EMPTY_SLOT when `from` is empty.
 */
export function moveItem(world: World, i: number, from: number, to: number): number {
  const inv = world.inventory;
  const { slots } = inv;
  if (!isSlot(from, slots) || !isSlot(to, slots)) return REJECT_OUT_OF_RANGE;
  const a = i * slots + from;
  const b = i * slots + to;
  if (inv.item[a] < 0) return REJECT_EMPTY_SLOT;
  if (from === to) return REJECT_NONE;
  const item = inv.item[a];
  const max = world.items.maxStack[item];
  if (inv.item[b] === item && max > 1) {
    const moved = Math.min(inv.qty[a], max - inv.qty[b]);
    inv.qty[b] += moved;
    inv.qty[a] -= moved;
    if (inv.qty[a] === 0) inv.item[a] = -1;
  } else {
    const qty = inv.qty[a];
    inv.item[a] = inv.item[b];
    inv.qty[a] = inv.qty[b];
    inv.item[b] = item;
    inv.qty[b] = qty;
  }
  world.dirty[i] |= DIRTY_INVENTORY;
  return REJECT_NONE;
}

/** Empties unit `i`'s whole inventory. */
export function clearInventory(world: World, i: number): void {
  const inv = world.inventory;
  const base = i * inv.slots;
  inv.item.fill(-1, base, base + inv.slots);
  inv.qty.fill(0, base, base + inv.slots);
  world.dirty[i] |= DIRTY_INVENTORY;
}

/** True when `slot` is an integer slot number below `slots`. */
export function isSlot(slot: number, slots: number): boolean {
  return Number.isInteger(slot) && slot >= 0 && slot < slots;
}
