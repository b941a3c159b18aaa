import { EQUIP_SLOT_NAMES, INVENTORY_SLOT_LIMIT, SAY_PHRASES } from './api';
import type { NumberArray, ObservationBatch } from './observationWriter';
import { GROUP_AGENTS, GROUP_FIELDS } from './observationWriter';
import {
  ACTION_STATUS_ACTED,
  ACTION_STATUS_SKIPPED,
  ACTION_STRIDE,
  AGENT_HEADER,
  AIM_ANGLE,
  AIM_ENTITY,
  AIM_NONE,
  A_INVENTORY_COUNT,
  A_SEEN_COUNT,
  A_SPEED,
  A_X,
  A_Y,
  FLAG_MASK,
  INVENTORY_STRIDE,
  ITEM_ACTION_DROP,
  ITEM_ACTION_NONE,
  ITEM_ACTION_UNEQUIP,
  MOVE_DIRECTION,
  MOVE_NONE,
  MOVE_POINT,
  R_AIM,
  R_AIM_MODE,
  R_FLAGS,
  R_ITEM_ACTION,
  R_ITEM_SLOT,
  R_MOVE_MODE,
  R_MOVE_X,
  R_MOVE_Y,
  R_SAY,
  R_STATUS,
  SEEN_STRIDE,
  S_ID,
  S_X,
  S_Y,
} from './packing';

/**
 * Decoded intents, indexed by unit index: the shape of the engine's
 * `world.intent` (moveX/moveY fraction of speed, aimX/aimY direction with
 * (0, 0) meaning "keep facing", flags FLAG_FIRE | FLAG_PICKUP, one item
 * action with its slot) plus `say` (SAY_PHRASES index, -1 none). The
 * engine's intent arrays can be passed here directly.
 */
export interface BehaviorIntents {
  moveX: NumberArray;
  moveY: NumberArray;
  aimX: NumberArray;
  aimY: NumberArray;
  flags: NumberArray;
  action: NumberArray;
  slot: NumberArray;
  say: NumberArray;
}

/** Why part of an action was dropped. Index into a rejection tally. */
export const REJECT_NON_FINITE = 0;
export const REJECT_OUT_OF_RANGE = 1;
export const REJECT_INVISIBLE_TARGET = 2;
export const REJECT_MALFORMED = 3;
export const REJECT_REASON_COUNT = 4;
/** Reason names by index, for reports. */
export const REJECT_REASON_NAMES = [
  'non_finite',
  'out_of_range',
  'invisible_target',
  'malformed',
] as const;
export type RejectReason = (typeof REJECT_REASON_NAMES)[number];

/** Largest accepted coordinate or direction component, world units. */
export const MAX_ACTION_COORDINATE = 1e6;
/** Largest accepted aim angle magnitude, radians (wrapped into (-π, π] after). */
export const MAX_AIM_ANGLE = 1e3;

/**
 * Decodes the actions the sandbox returned for `batch` (ACTION_STRIDE
 * doubles per record, record order) into `out` at each record's unit
 * index, validating every field: a non-finite or out-of-range number, an
 * unknown code, or a target the agent does not see drops that part of the
 * action and adds 1 to `rejections[group * REJECT_REASON_COUNT + reason]`
 * (`rejections` holds at least groupCount * REJECT_REASON_COUNT entries;
 * it is added to, not cleared). A move direction longer than 1 is
 * normalised; a move to a point becomes a direction that stops on it.
 * Agents whose status is not "acted" stand still and keep their facing.
 * `actions` shorter than the batch counts as skipped for the missing
 * records. Returns how many agents acted.
 */
export function decodeActions(
  batch: ObservationBatch,
  actions: Float64Array,
  out: BehaviorIntents,
  rejections: Uint32Array,
): number {
  let acted = 0;
  let record = 0;
  for (let g = 0; g < batch.groupCount; g++) {
    const agents = batch.groups[g * GROUP_FIELDS + GROUP_AGENTS];
    const tally = g * REJECT_REASON_COUNT;
    for (let k = 0; k < agents; k++, record++) {
      const unit = batch.units[record];
      const at = record * ACTION_STRIDE;
      idle(out, unit);
      if (at + ACTION_STRIDE > actions.length) continue;
      const status = actions[at + R_STATUS];
      if (status === ACTION_STATUS_ACTED) {
        decodeOne(batch, batch.recordStart[record], actions, at, out, unit, rejections, tally);
        acted++;
      } else if (!isCode(status, ACTION_STATUS_SKIPPED)) {
        reject(rejections, tally, status);
      }
    }
  }
  return acted;
}

function idle(out: BehaviorIntents, unit: number): void {
  out.moveX[unit] = 0;
  out.moveY[unit] = 0;
  out.aimX[unit] = 0;
  out.aimY[unit] = 0;
  out.flags[unit] = 0;
  out.action[unit] = ITEM_ACTION_NONE;
  out.slot[unit] = -1;
  out.say[unit] = -1;
}

function decodeOne(
  batch: ObservationBatch,
  rec: number,
  a: Float64Array,
  at: number,
  out: BehaviorIntents,
  unit: number,
  rejections: Uint32Array,
  tally: number,
): void {
  const r = batch.records;
  decodeMove(r, rec, batch.tickRate, a, at, out, unit, rejections, tally);
  decodeAim(r, rec, a, at, out, unit, rejections, tally);
  const flags = a[at + R_FLAGS];
  if (isCode(flags, FLAG_MASK)) out.flags[unit] = flags;
  else reject(rejections, tally, flags);
  const action = a[at + R_ITEM_ACTION];
  if (action !== ITEM_ACTION_NONE) {
    if (!isCode(action, ITEM_ACTION_DROP)) reject(rejections, tally, action);
    else {
      const slot = a[at + R_ITEM_SLOT];
      const slots = action === ITEM_ACTION_UNEQUIP ? EQUIP_SLOT_NAMES.length : INVENTORY_SLOT_LIMIT;
      if (isCode(slot, slots - 1)) {
        out.action[unit] = action;
        out.slot[unit] = slot;
      } else reject(rejections, tally, slot, true);
    }
  }
  const say = a[at + R_SAY];
  if (say !== -1) {
    if (isCode(say, SAY_PHRASES.length - 1)) out.say[unit] = say;
    else reject(rejections, tally, say, true);
  }
}

function decodeMove(
  r: Float64Array,
  rec: number,
  tickRate: number,
  a: Float64Array,
  at: number,
  out: BehaviorIntents,
  unit: number,
  rejections: Uint32Array,
  tally: number,
): void {
  const mode = a[at + R_MOVE_MODE];
  if (mode === MOVE_NONE) return;
  if (mode !== MOVE_DIRECTION && mode !== MOVE_POINT) {
    reject(rejections, tally, mode);
    return;
  }
  const x = a[at + R_MOVE_X];
  const y = a[at + R_MOVE_Y];
  if (!checkCoordinates(x, y, rejections, tally)) return;
  let dx = x;
  let dy = y;
  let scale = 1;
  if (mode === MOVE_POINT) {
    dx = x - r[rec + A_X];
    dy = y - r[rec + A_Y];
    // Full speed until one tick's travel from the point, then just enough to stop on it.
    const step = tickRate > 0 ? r[rec + A_SPEED] / tickRate : 0;
    const d = Math.sqrt(dx * dx + dy * dy);
    scale = d === 0 ? 0 : step > d ? 1 / step : 1 / d;
  } else {
    const length = Math.sqrt(dx * dx + dy * dy);
    if (length > 1) scale = 1 / length;
  }
  out.moveX[unit] = dx * scale;
  out.moveY[unit] = dy * scale;
}

function decodeAim(
  r: Float64Array,
  rec: number,
  a: Float64Array,
  at: number,
  out: BehaviorIntents,
  unit: number,
  rejections: Uint32Array,
  tally: number,
): void {
  const mode = a[at + R_AIM_MODE];
  const value = a[at + R_AIM];
  if (mode === AIM_NONE) return;
  if (mode === AIM_ANGLE) {
    if (value !== value || value === Infinity || value === -Infinity) {
      rejections[tally + REJECT_NON_FINITE]++;
    } else if (Math.abs(value) > MAX_AIM_ANGLE) {
      rejections[tally + REJECT_OUT_OF_RANGE]++;
    } else {
      out.aimX[unit] = Math.cos(value);
      out.aimY[unit] = Math.sin(value);
    }
    return;
  }
  if (mode !== AIM_ENTITY) {
    reject(rejections, tally, mode);
    return;
  }
  const seen = findSeen(r, rec, value);
  if (seen < 0) {
    if (value !== value || !Number.isFinite(value)) rejections[tally + REJECT_NON_FINITE]++;
    else rejections[tally + REJECT_INVISIBLE_TARGET]++;
    return;
  }
  const dx = r[seen + S_X] - r[rec + A_X];
  const dy = r[seen + S_Y] - r[rec + A_Y];
  const d = Math.sqrt(dx * dx + dy * dy);
  if (d > 0) {
    out.aimX[unit] = dx / d;
    out.aimY[unit] = dy / d;
  }
}

/** Double offset of entity `id` in the record's seen list, or -1 when the agent does not see it. */
function findSeen(r: Float64Array, rec: number, id: number): number {
  const seen = r[rec + A_SEEN_COUNT];
  let p = rec + AGENT_HEADER + r[rec + A_INVENTORY_COUNT] * INVENTORY_STRIDE;
  for (let k = 0; k < seen; k++, p += SEEN_STRIDE) {
    if (r[p + S_ID] === id) return p;
  }
  return -1;
}

function checkCoordinates(x: number, y: number, rejections: Uint32Array, tally: number): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    rejections[tally + REJECT_NON_FINITE]++;
    return false;
  }
  if (Math.abs(x) > MAX_ACTION_COORDINATE || Math.abs(y) > MAX_ACTION_COORDINATE) {
    rejections[tally + REJECT_OUT_OF_RANGE]++;
    return false;
  }
  return true;
}

/** An integer in 0..max. */
function isCode(value: number, max: number): boolean {
  return value >= 0 && value <= max && Math.floor(value) === value;
}

/** Counts a bad code: non-finite, out of range (when `ranged` and a finite number), else malformed. */
function reject(rejections: Uint32Array, tally: number, value: number, ranged = false): void {
  if (!Number.isFinite(value)) rejections[tally + REJECT_NON_FINITE]++;
  else if (ranged) rejections[tally + REJECT_OUT_OF_RANGE]++;
  else rejections[tally + REJECT_MALFORMED]++;
}
