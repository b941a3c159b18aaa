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
}

/** Rows stay below this (MAX_NET_ROWS), so sort keys `id * ROW_KEY + row` are exact. */
const ROW_KEY = 1 << 20;
const MAX_GAP_ORDER = (1 << GAP_ORDER_BITS) - 1;

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
 * The added section: visible rows the baseline lacks, sorted by id, each
 * with its non-zero fields raw; they are appended to `target`. Returns how
 * many were left out to stay within MAX_SNAPSHOT_ENTITIES.
 */
export function writeAdded(
  w: BitWriter,
  scratch: EncodeScratch,
  entities: NetEntities,
  visibleIndices: Int32Array | null,
  target: SentSnapshot,
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
