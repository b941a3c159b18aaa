import { bitLength, chooseEgOrder, writeBits, writeEg, type BitWriter } from './bits';
import { rowOfId } from './idIndex';
import type { NetEntities } from './netEntities';
import type { RecordList } from './snapshotRecords';
import type { SentSnapshot } from './snapshotStore';
import {
  FIELD_BITS,
  FIELD_COUNT,
  GAP_ORDER_BITS,
  MAX_SNAPSHOT_ENTITIES,
  RECORD_COUNT_ORDER,
} from './spec';

/**
 * The removed and added sections of a snapshot body (layout in spec.ts),
 * each with an Exp-Golomb order chosen from its own values, and the scratch
 * an encode shares (snapshotRecords.ts writes the changed section).
 */

/** Scratch of one encode, sized for MAX_SNAPSHOT_ENTITIES. */
export interface EncodeScratch {
  writer: BitWriter;
  removed: Int32Array;
  /** Kept slots whose entity sits on another row than in the baseline. */
  movedSlot: Int32Array;
  movedRow: Int32Array;
  /** `id * ROW_KEY + row` of the added entities, sorted for ascending ids. */
  addedKey: Float64Array;
  hist: Int32Array;
  /** Candidates for changed records. */
  changed: RecordList;
  /** Added rows the last encode held back for its byte budget. */
  deferred: number;
}

/** Rows stay below this (MAX_NET_ROWS), so sort keys `id * ROW_KEY + row` are exact. */
export const ROW_KEY = 1 << 20;
const MAX_GAP_ORDER = (1 << GAP_ORDER_BITS) - 1;

/** The row of a sort key `k * ROW_KEY + row`: exact power-of-two steps, not a floating `%` (fmod). */
export function rowOfKey(key: number): number {
  return key - Math.floor(key / ROW_KEY) * ROW_KEY;
}

/** Count, then (when any) an order and the ascending `values` as gaps. */
export function writeGapList(
  w: BitWriter,
  values: Int32Array,
  count: number,
  countOrder: number,
  hist: Int32Array,
): void {
  writeEg(w, count, countOrder);
  if (count === 0) return;
  hist.fill(0);
  let prev = -1;
  for (let i = 0; i < count; i++) {
    hist[bitLength(values[i] - prev - 1)]++;
    prev = values[i];
  }
  const k = chooseEgOrder(hist, MAX_GAP_ORDER);
  writeBits(w, k, GAP_ORDER_BITS);
  prev = -1;
  for (let i = 0; i < count; i++) {
    writeEg(w, values[i] - prev - 1, k);
    prev = values[i];
  }
}

/**
 * Room the added section may take, and whom it serves first: when the
 * visible rows the baseline lacks would not fit in `bits`, the nearest to
 * (`x`, `y`) go now and the rest wait for a later tick (they stay visible
 * and missing from the baseline, so they are offered again).
 */
export interface AddedBudget {
  /** Body bits the added section may take; Infinity for no limit. */
  bits: number;
  /** World units; NaN: no focus (the lowest ids go first). */
  x: number;
  y: number;
}

/** Upper bound of an added record's id gap and mask, bits (EG of a 20-bit gap, mask). */
const ADDED_OVERHEAD_BITS = 2 * 20 + 1 + FIELD_COUNT + 1;

/**
 * The added section: visible rows the baseline lacks, sorted by id, each
 * with its non-zero fields raw; they are appended to `target`. Returns how
 * many were left out to stay within MAX_SNAPSHOT_ENTITIES; `budget` may
 * hold back more (counted in `scratch.deferred`).
 */
export function writeAdded(
  w: BitWriter,
  scratch: EncodeScratch,
  entities: NetEntities,
  visibleIndices: Int32Array | null,
  target: SentSnapshot,
  budget: AddedBudget,
): number {
  const F = FIELD_COUNT;
  const { mark, stamp, q, duplicateIds } = entities.wire;
  const ids = entities.id;
  const keys = scratch.addedKey;
  const count = entities.count;
  let added = 0;
  let left = 0;
  // Every row visible and every one already kept (repeats of an id aside): nothing to add.
  if (visibleIndices !== null || target.count + duplicateIds !== count) {
    const claimed = -stamp;
    const kept = target.row;
    for (let t = 0; t < target.count; t++) mark[kept[t]] = claimed;
    const n = visibleIndices === null ? count : visibleIndices.length;
    const room = MAX_SNAPSHOT_ENTITIES - target.count;
    for (let k = 0; k < n; k++) {
      const row = visibleIndices === null ? k : visibleIndices[k];
      if (mark[row] === claimed) continue;
      mark[row] = claimed;
      // A repeated id (a host bug) is sent once, for its first row.
      if (duplicateIds !== 0 && rowOfId(entities, ids[row]) !== row) continue;
      if (added === room) left++;
      else keys[added++] = ids[row] * ROW_KEY + row;
    }
  }
  scratch.deferred = 0;
  if (added > 0 && budget.bits !== Infinity)
    added = nearestThatFit(scratch, entities, added, budget);
  writeEg(w, added, RECORD_COUNT_ORDER);
  if (added === 0) return left;
  if (added > 1) keys.subarray(0, added).sort();

  const hist = scratch.hist;
  hist.fill(0);
  let prev = -1;
  for (let a = 0; a < added; a++) {
    const id = Math.floor(keys[a] / ROW_KEY);
    hist[bitLength(id - prev - 1)]++;
    prev = id;
  }
  const ka = chooseEgOrder(hist, MAX_GAP_ORDER);
  writeBits(w, ka, GAP_ORDER_BITS);
  prev = -1;
  let prevMask = 0;
  let t = target.count;
  for (let a = 0; a < added; a++) {
    const key = keys[a];
    const id = Math.floor(key / ROW_KEY);
    const row = key - id * ROW_KEY;
    writeEg(w, id - prev - 1, ka);
    prev = id;
    const qi = row * F;
    let mask = 0;
    for (let f = 0; f < F; f++) if (q[qi + f] !== 0) mask |= 1 << f;
    if (mask === prevMask) writeBits(w, 1, 1);
    else writeBits(w, mask << 1, F + 1);
    prevMask = mask;
    for (let m = mask; m !== 0; m &= m - 1) {
      const f = 31 - Math.clz32(m & -m);
      writeBits(w, q[qi + f] & ((1 << FIELD_BITS[f]) - 1), FIELD_BITS[f]);
    }
    target.id[t] = id;
    target.row[t] = row;
    t++;
  }
  target.count = t;
  return left;
}

/**
 * Keeps in `scratch.addedKey[0 .. n)` the added rows that fit `budget.bits`,
 * nearest to the focus first (all of them when they fit); returns n. Runs
 * for every friend every tick with hundreds waiting to enter, so it sorts
 * only the few that could fit.
 */
function nearestThatFit(
  scratch: EncodeScratch,
  entities: NetEntities,
  added: number,
  budget: AddedBudget,
): number {
  const keys = scratch.addedKey;
  const { q } = entities.wire;
  const F = FIELD_COUNT;
  // No record is smaller than its overhead: when not even that fits, none does.
  if (budget.bits < ADDED_OVERHEAD_BITS) {
    scratch.deferred = added;
    return 0;
  }
  let total = 0;
  let a = 0;
  for (; a < added && total <= budget.bits; a++) total += addedBits(q, rowOfKey(keys[a]) * F);
  if (total <= budget.bits) return added;
  // Re-key by squared distance (whole world units) so a sort puts the nearest first.
  const focused = budget.x === budget.x && budget.y === budget.y;
  for (a = 0; a < added; a++) {
    const row = rowOfKey(keys[a]);
    const dx = focused ? entities.x[row] - budget.x : 0;
    const dy = focused ? entities.y[row] - budget.y : 0;
    const near = focused ? Math.min(2 ** 32 - 1, Math.floor(dx * dx + dy * dy)) : keys[a] / ROW_KEY;
    keys[a] = Math.floor(near) * ROW_KEY + row;
  }
  // At most this many fit, each costing at least its overhead: only they need sorting.
  const most = Math.min(added, Math.floor(budget.bits / ADDED_OVERHEAD_BITS));
  if (most < added) selectSmallest(keys, added, most);
  keys.subarray(0, most).sort();
  let kept = 0;
  let bits = 0;
  for (; kept < most; kept++) {
    const row = rowOfKey(keys[kept]);
    const cost = addedBits(q, row * F);
    if (bits + cost > budget.bits) break;
    bits += cost;
  }
  // Back to id keys for the id-ordered write.
  const ids = entities.id;
  for (a = 0; a < kept; a++) {
    const row = rowOfKey(keys[a]);
    keys[a] = ids[row] * ROW_KEY + row;
  }
  scratch.deferred = added - kept;
  return kept;
}

/**
 * Moves the `k` smallest of `keys[0 .. n)` (distinct values) into
 * `keys[0 .. k)`, in no particular order (quickselect, Hoare partitions).
 */
export function selectSmallest(keys: Float64Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi && k > lo && k <= hi) {
    // Median of three as the pivot.
    const mid = (lo + hi) >>> 1;
    const x = keys[lo];
    const y = keys[mid];
    const z = keys[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) {
        const t = keys[i];
        keys[i] = keys[j];
        keys[j] = t;
        i++;
        j--;
      }
    }
    // Now keys[lo .. j] <= pivot <= keys[i .. hi], and j < i.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Most bits an added record at quantized row offset `at` takes. */
function addedBits(q: Int32Array, at: number): number {
  let bits = ADDED_OVERHEAD_BITS;
  for (let f = 0; f < FIELD_COUNT; f++) if (q[at + f] !== 0) bits += FIELD_BITS[f];
  return bits;
}
