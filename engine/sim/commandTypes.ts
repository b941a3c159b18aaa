import type { EquipSlot } from '../rules/items';

/**
 * Commands: what a player (or any caller acting for a unit) asks its unit
 * to do. Each names its actor: the id of the unit it acts for; `unit`, when
 * present, must be that same id. Commands only write the actor's own
 * intents (see `Intents`); their effects happen during the next
 * `stepWorld`, in unit index order. So a batch of commands has the same
 * effect whatever the order between actors; within one actor the last
 * move/aim wins, and one item action per tick is accepted (a second gets
 * 'busy').
 *
 * Numbers: `move` x and y in [-1, 1] (the vector is the fraction of full
 * speed, normalised when longer than 1); `aim` angle in radians, in
 * [-2π, 2π], 0 = +x, growing towards +y; inventory slots are integers
 * 0 .. config.inventorySlots-1. `item`, when given, is the items.json id
 * the client believes is in the slot.
 */
export type Command =
  | { type: 'move'; x: number; y: number; unit?: number }
  | { type: 'aim'; angle: number; unit?: number }
  | { type: 'fire'; unit?: number }
  | { type: 'pickup'; unit?: number }
  | { type: 'equip'; slot: number; item?: string; unit?: number }
  | { type: 'unequip'; slot: EquipSlot; unit?: number }
  | { type: 'use'; slot: number; item?: string; unit?: number }
  | { type: 'drop'; slot: number; item?: string; unit?: number }
  | { type: 'moveItem'; from: number; to: number; unit?: number };
