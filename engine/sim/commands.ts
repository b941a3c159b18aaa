import {
  ACTION_DROP,
  ACTION_EQUIP,
  ACTION_MOVE,
  ACTION_NONE,
  ACTION_UNEQUIP,
  ACTION_USE,
  INTENT_FIRE,
  INTENT_PICKUP,
} from '../world/components';
import { canUse } from '../rules/consumables';
import { canEquip } from '../rules/equipment';
import { freeSlot } from '../rules/inventory';
import { EQUIP_SLOTS, EQUIP_SLOT_COUNT, itemIndex } from '../rules/items';
import {
  REJECT_BUSY,
  REJECT_DEAD,
  REJECT_EMPTY_SLOT,
  REJECT_INVENTORY_FULL,
  REJECT_ITEM_MISMATCH,
  REJECT_MALFORMED,
  REJECT_MATCH_OVER,
  REJECT_NONE,
  REJECT_NOT_OWNER,
  REJECT_NO_UNIT,
  REJECT_OUT_OF_RANGE,
  REJECT_UNKNOWN_ITEM,
  rejectReason,
  type RejectReason,
} from './rejections';
import { unitIndexOf } from '../world/units';
import type { World } from '../world/world';
import type { Command } from './commandTypes';
export type { Command };

/** Every command type. */
export const COMMAND_TYPES = [
  'move',
  'aim',
  'fire',
  'pickup',
  'equip',
  'unequip',
  'use',
  'drop',
  'moveItem',
] as const satisfies readonly Command['type'][];

/** The outcome of `applyCommand`. */
export type CommandResult = { ok: true } | { ok: false; reason: RejectReason; message: string };

const OK: CommandResult = Object.freeze({ ok: true }) as CommandResult;
const MAX_ANGLE = 2 * Math.PI;

/**
 * Validates `command` as untrusted input for actor `actorId` and, when it
 * is acceptable, writes it into the actor's intents. Never throws: a
 * command that is not a well-formed object, carries out-of-range numbers,
 * names an unknown item, acts for another unit, comes from an actor
 * without a unit or with a dead one, or does not apply to the unit's
 * inventory gets `{ ok: false, reason, message }` and is counted in
 * `world.rejections`. Recorded in the replay log (rejected ones too).
 */
export function applyCommand(world: World, actorId: number, command: Command): CommandResult {
  world.log?.entries.push({
    tick: world.tick,
    op: 'command',
    actor: actorId,
    command: isObject(command) ? ({ ...command } as Command) : command,
  });
  if (!isObject(command) || typeof command.type !== 'string') {
    return reject(world, REJECT_MALFORMED, 'a command is an object with a string "type"');
  }
  const c = command as unknown as Record<string, unknown>;
  if (c.unit !== undefined && typeof c.unit !== 'number') {
    return reject(world, REJECT_MALFORMED, '"unit" must be a unit id');
  }
  const shape = checkShape(world, c);
  if (shape) return shape;
  const i = typeof actorId === 'number' ? unitIndexOf(world, actorId) : -1;
  if (i < 0) return reject(world, REJECT_NO_UNIT, `actor ${String(actorId)} owns no unit`);
  if (c.unit !== undefined && c.unit !== actorId) {
    return reject(
      world,
      REJECT_NOT_OWNER,
      `actor ${actorId} cannot act for unit ${String(c.unit)}`,
    );
  }
  if (world.match.phase !== 'running')
    return reject(world, REJECT_MATCH_OVER, 'the match has ended');
  if (!world.health.alive[i]) return reject(world, REJECT_DEAD, `unit ${actorId} is dead`);
  return applyChecked(world, i, c);
}

/** Field types and ranges that do not depend on the world's state. */
function checkShape(world: World, c: Record<string, unknown>): CommandResult | null {
  const slots = world.inventory.slots;
  switch (c.type) {
    case 'move':
      if (typeof c.x !== 'number' || typeof c.y !== 'number') {
        return reject(world, REJECT_MALFORMED, 'move needs numbers x and y');
      }
      if (!(Math.abs(c.x) <= 1) || !(Math.abs(c.y) <= 1)) {
        return reject(
          world,
          REJECT_OUT_OF_RANGE,
          `move x and y must be in [-1, 1], got ${c.x}, ${c.y}`,
        );
      }
      return null;
    case 'aim':
      if (typeof c.angle !== 'number')
        return reject(world, REJECT_MALFORMED, 'aim needs a number angle');
      if (!(Math.abs(c.angle) <= MAX_ANGLE)) {
        return reject(
          world,
          REJECT_OUT_OF_RANGE,
          `aim angle must be in [-2π, 2π] radians, got ${c.angle}`,
        );
      }
      return null;
    case 'fire':
    case 'pickup':
      return null;
    case 'equip':
    case 'use':
    case 'drop':
      if (c.item !== undefined && typeof c.item !== 'string') {
        return reject(world, REJECT_MALFORMED, `${c.type} "item" must be an item id`);
      }
      if (c.item !== undefined && itemIndex(world.items, c.item as string) < 0) {
        return reject(world, REJECT_UNKNOWN_ITEM, `unknown item "${String(c.item)}"`);
      }
      return checkSlot(world, c.slot, slots, `${c.type} slot`);
    case 'moveItem':
      return (
        checkSlot(world, c.from, slots, 'moveItem from') ??
        checkSlot(world, c.to, slots, 'moveItem to')
      );
    case 'unequip':
      if (typeof c.slot !== 'string') {
        return reject(
          world,
          REJECT_MALFORMED,
          `unequip slot must be one of ${EQUIP_SLOTS.join(', ')}`,
        );
      }
      if (!(EQUIP_SLOTS as readonly string[]).includes(c.slot)) {
        return reject(
          world,
          REJECT_OUT_OF_RANGE,
          `unequip slot must be one of ${EQUIP_SLOTS.join(', ')}, got "${c.slot}"`,
        );
      }
      return null;
    default:
      return reject(
        world,
        REJECT_MALFORMED,
        `unknown command type "${String(c.type).slice(0, 32)}"`,
      );
  }
}

function checkSlot(world: World, slot: unknown, slots: number, what: string): CommandResult | null {
  if (typeof slot !== 'number') return reject(world, REJECT_MALFORMED, `${what} must be a number`);
  if (!Number.isInteger(slot) || slot < 0 || slot >= slots) {
    return reject(
      world,
      REJECT_OUT_OF_RANGE,
      `${what} must be an integer 0..${slots - 1}, got ${slot}`,
    );
  }
  return null;
}

/** Applies a command whose shape, actor and unit have been checked. */
function applyChecked(world: World, i: number, c: Record<string, unknown>): CommandResult {
  const intent = world.intent;
  switch (c.type) {
    case 'move':
      intent.moveX[i] = c.x as number;
      intent.moveY[i] = c.y as number;
      return OK;
    case 'aim':
      intent.aimX[i] = Math.cos(c.angle as number);
      intent.aimY[i] = Math.sin(c.angle as number);
      return OK;
    case 'fire':
      intent.flags[i] |= INTENT_FIRE;
      return OK;
    case 'pickup':
      intent.flags[i] |= INTENT_PICKUP;
      return OK;
    default:
      return queueItemAction(world, i, c);
  }
}

function queueItemAction(world: World, i: number, c: Record<string, unknown>): CommandResult {
  const intent = world.intent;
  const inv = world.inventory;
  let action: number;
  let slot: number;
  let slot2 = 0;
  let reason: number;
  if (c.type === 'unequip') {
    action = ACTION_UNEQUIP;
    slot = (EQUIP_SLOTS as readonly string[]).indexOf(c.slot as string);
    if (world.equipment.item[i * EQUIP_SLOT_COUNT + slot] < 0) reason = REJECT_EMPTY_SLOT;
    else reason = freeSlot(world, i) < 0 ? REJECT_INVENTORY_FULL : REJECT_NONE;
  } else if (c.type === 'moveItem') {
    action = ACTION_MOVE;
    slot = c.from as number;
    slot2 = c.to as number;
    reason = inv.item[i * inv.slots + slot] < 0 ? REJECT_EMPTY_SLOT : REJECT_NONE;
  } else {
    slot = c.slot as number;
    const held = inv.item[i * inv.slots + slot];
    if (held < 0) reason = REJECT_EMPTY_SLOT;
    else if (c.item !== undefined && itemIndex(world.items, c.item as string) !== held) {
      reason = REJECT_ITEM_MISMATCH;
    } else reason = REJECT_NONE;
    if (c.type === 'equip') {
      action = ACTION_EQUIP;
      if (reason === REJECT_NONE) reason = canEquip(world, i, slot);
    } else if (c.type === 'use') {
      action = ACTION_USE;
      if (reason === REJECT_NONE) reason = canUse(world, i, slot);
    } else {
      action = ACTION_DROP;
    }
  }
  if (reason !== REJECT_NONE) {
    return reject(
      world,
      reason,
      `${String(c.type)} refused: ${rejectReason(reason).replace(/_/g, ' ')}`,
    );
  }
  if (intent.action[i] !== ACTION_NONE) {
    return reject(world, REJECT_BUSY, 'one item action per tick; this unit already has one queued');
  }
  intent.action[i] = action;
  intent.slot[i] = slot;
  intent.slot2[i] = slot2;
  return OK;
}

/** Counts a rejection and builds its result. */
function reject(world: World, code: number, message: string): CommandResult {
  world.rejections[code - 1]++;
  return { ok: false, reason: rejectReason(code), message };
}

/** Rejection counts by reason name (a fresh object). */
export function rejectionCounts(world: World): Record<RejectReason, number> {
  const out = {} as Record<RejectReason, number>;
  for (let k = 0; k < world.rejections.length; k++) out[rejectReason(k + 1)] = world.rejections[k];
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
