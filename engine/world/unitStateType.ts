// The durable unit state as a type alone: the replay log names it without
// importing the rules that compute it (which import the world: a cycle).
import type { EquipSlot } from '../rules/items';
import type { SkillName } from '../rules/skills';

/**
 * A unit's durable state as plain data, for the persistence layer. Items
 * are items.json ids, so saves survive reordering of the item table.
 */
export interface UnitState {
  /** Position, world units. */
  x: number;
  y: number;
  /** Whole HP; 0 while dead. */
  hp: number;
  /** XP per skill. */
  xp: Record<SkillName, number>;
  /** One entry per inventory slot, null for an empty slot. */
  inventory: ({ item: string; qty: number } | null)[];
  /** Worn item id per equipment slot, or null. */
  equipment: Record<EquipSlot, string | null>;
}
