/**
 * Why a command or an intent was refused. Services return one of the
 * numeric codes below (REJECT_NONE when the action is fine); commands turn
 * codes into `{ ok: false, reason, message }`; the world counts every
 * rejection per reason in `world.rejections[code - 1]`.
 */

/** Reason names, by code - 1. */
export const REJECT_REASONS = [
  'malformed',
  'out_of_range',
  'no_unit',
  'not_owner',
  'dead',
  'match_over',
  'unknown_item',
  'item_mismatch',
  'empty_slot',
  'not_equippable',
  'not_usable',
  'requirements',
  'inventory_full',
  'no_effect',
  'busy',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Not a rejection: the action is allowed. */
export const REJECT_NONE = 0;
/** The command is not an object of a known type with fields of the right types. */
export const REJECT_MALFORMED = 1;
/** A number is not finite or lies outside its documented range (slots included). */
export const REJECT_OUT_OF_RANGE = 2;
/** The actor owns no unit in this world. */
export const REJECT_NO_UNIT = 3;
/** The command names a unit other than the actor's own. */
export const REJECT_NOT_OWNER = 4;
/** The actor's unit is dead. */
export const REJECT_DEAD = 5;
/** The match has ended. */
export const REJECT_MATCH_OVER = 6;
/** The command names an item id the item table does not have. */
export const REJECT_UNKNOWN_ITEM = 7;
/** The command names an item that is not the one in the given slot. */
export const REJECT_ITEM_MISMATCH = 8;
/** The slot is empty. */
export const REJECT_EMPTY_SLOT = 9;
/** The item cannot be worn. */
export const REJECT_NOT_EQUIPPABLE = 10;
/** The item cannot be used. */
export const REJECT_NOT_USABLE = 11;
/** The unit's skill levels are below the item's requirements. */
export const REJECT_REQUIREMENTS = 12;
/** No inventory room for the result. */
export const REJECT_INVENTORY_FULL = 13;
/** Using the item would change nothing (healing at full HP). */
export const REJECT_NO_EFFECT = 14;
/** The unit already has an item action queued for this tick. */
export const REJECT_BUSY = 15;

/** The reason name of a non-zero code. */
export function rejectReason(code: number): RejectReason {
  return REJECT_REASONS[code - 1];
}
