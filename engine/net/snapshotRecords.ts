import {
  chooseEgOrder,
  egCode,
  LENGTH_HISTOGRAM_SIZE,
  writeBits,
  writeEg,
  zigzag,
  type BitWriter,
} from './bits';
import {
  HISTOGRAMS_PER_AGE,
  ORDERS_PER_AGE,
  type RecordCache,
  type RecordCoding,
} from './netEntities';
import {
  DELTA_ORDER_BITS,
  FIELD_BITS,
  FIELD_COUNT,
  FIELD_DELTA,
  FIELD_WRAP,
  GAP_ORDER_BITS,
} from './spec';

/**
 * The changed section of a snapshot body (layout in spec.ts): the orders,
 * one record per kept entity whose quantized fields differ from its
 * baseline, and the gap that ends it. Orders are chosen per baseline age
 * from histograms of recent records of that age (every client's), changed
 * only at a tick's first use of the age, and sent up front, so the decoder
 * keeps no state for them. A record's codes then depend only on the tick,
 * the baseline's tick and the entity's rows, so clients with the same
 * baseline (the usual case: the same round trip) share them through the net
 * view's record cache.
 */

const H = LENGTH_HISTOGRAM_SIZE;
const MAX_GAP_ORDER = (1 << GAP_ORDER_BITS) - 1;
const MAX_DELTA_ORDER = (1 << DELTA_ORDER_BITS) - 1;
/** Indices of the fields sent as deltas, in table order. */
const DELTA_FIELDS = Int32Array.from(FIELD_DELTA.keys()).filter((f) => FIELD_DELTA[f] === 1);
/** Per field: half its range when it is a wrapping delta field, else 0. */
const DELTA_HALF = Int32Array.from(FIELD_BITS, (bits, f) =>
  FIELD_DELTA[f] === 1 && FIELD_WRAP[f] === 1 ? 1 << (bits - 1) : 0,
);
/** Per field: its delta index (histogram and 5-bit length slot), -1 for raw fields. */
const DELTA_INDEX = Int32Array.from(FIELD_BITS, (_, f) => DELTA_FIELDS.indexOf(f));
const GAP_HIST = DELTA_FIELDS.length * H;
/** Histogram entries per baseline age. */
const AGE_HIST = HISTOGRAMS_PER_AGE * H;
/** Offset of the slot-gap order among an age's orders (after one per field). */
const GAP_ORDER_SLOT = FIELD_COUNT;
/** Ticks between two choices of an age's orders. */
const ORDER_PERIOD = 4;

/** Candidates for changed records, listed by the baseline walk. */
export interface RecordList {
  count: number;
  /** Baseline slot, row now, and offset of the baseline's row in its frame. */
  slot: Int32Array;
  row: Int32Array;
  baseAt: Int32Array;
}

/** Where the records are coming from. */
export interface RecordSource {
  /** This tick's frame and tick, the baseline's frame and tick. */
  q: Int32Array;
  tick: number;
  baseFrame: Int32Array;
  baseTick: number;
  cache: RecordCache;
  coding: RecordCoding;
}

/**
 * Writes the changed section: orders, a record for each listed candidate
 * whose fields differ (slot gap; mask, or one bit when it repeats the last
 * record's; the present fields in table order, deltas as zigzag Exp-Golomb
 * codes, the rest raw), then the gap that lands on `baseCount`. The
 * writer's state stays in locals and codes are packed inline, about twice
 * as fast as a call per code.
 */
export function writeChangedSection(
  w: BitWriter,
  list: RecordList,
  baseCount: number,
  src: RecordSource,
): void {
  // A full snapshot has no records; its orders are those of age 0, never tuned.
  const age = src.baseTick < 0 ? 0 : src.tick - src.baseTick;
  tuneOrders(src.coding, age, src.tick);
  const orders = src.coding.orders.subarray(age * ORDERS_PER_AGE, (age + 1) * ORDERS_PER_AGE);
  const hist = src.coding.hist.subarray(age * AGE_HIST, (age + 1) * AGE_HIST);
  const gapOrder = orders[GAP_ORDER_SLOT];
  writeBits(w, gapOrder, GAP_ORDER_BITS);
  for (let d = 0; d < DELTA_FIELDS.length; d++) {
    writeBits(w, orders[DELTA_FIELDS[d]], DELTA_ORDER_BITS);
  }
  const cache = src.cache;
  const bytes = w.bytes;
  let acc = w.acc;
  let accBits = w.accBits;
  let pos = w.pos;
  let prevSlot = -1;
  let prevMask = 0;
  for (let c = 0; c < list.count; c++) {
    const row = list.row[c];
    if (!cached(cache, row, src, list.baseAt[c])) {
      fillCache(cache, row, src, list.baseAt[c], orders);
    }
    const mask = cache.mask[row];
    if (mask === 0) continue;
    const slot = list.slot[c];
    const gap = slot - prevSlot - 1;
    const sample = (c & 3) === 0;
    if (sample) {
      hist[GAP_HIST + 32 - Math.clz32(gap)]++;
      const lengths = cache.lengths[row];
      for (let d = 0; d < DELTA_FIELDS.length; d++) {
        const bits = (lengths >>> (5 * d)) & 31;
        if (bits !== 31) hist[d * H + bits]++;
      }
    }
    // Slot gap, then the mask (one bit when it repeats), then the field codes.
    const code = egCode(gap, gapOrder);
    if (code < 0) {
      w.acc = acc;
      w.accBits = accBits;
      w.pos = pos;
      writeEg(w, gap, gapOrder);
      acc = w.acc;
      accBits = w.accBits;
      pos = w.pos;
    } else {
      acc |= (code >>> 5) << accBits;
      accBits += code & 31;
      while (accBits >= 8) {
        bytes[pos++] = acc;
        acc >>>= 8;
        accBits -= 8;
      }
    }
    if (mask === prevMask) {
      acc |= 1 << accBits;
      accBits += 1;
    } else {
      acc |= (mask << 1) << accBits;
      accBits += FIELD_COUNT + 1;
    }
    while (accBits >= 8) {
      bytes[pos++] = acc;
      acc >>>= 8;
      accBits -= 8;
    }
    prevSlot = slot;
    prevMask = mask;
    const length = cache.length[row];
    if (length >= 0) {
      // The field codes: up to 24 bits, then up to 24 more.
      acc |= cache.bits[row] << accBits;
      accBits += length;
      while (accBits >= 8) {
        bytes[pos++] = acc;
        acc >>>= 8;
        accBits -= 8;
      }
      acc |= cache.bitsHigh[row] << accBits;
      accBits += cache.lengthHigh[row];
      while (accBits >= 8) {
        bytes[pos++] = acc;
        acc >>>= 8;
        accBits -= 8;
      }
    } else {
      // Too long to cache: the codes go out one by one.
      w.acc = acc;
      w.accBits = accBits;
      w.pos = pos;
      writeFields(w, mask, src, row * FIELD_COUNT, list.baseAt[c], orders);
      acc = w.acc;
      accBits = w.accBits;
      pos = w.pos;
    }
  }
  w.acc = acc;
  w.accBits = accBits;
  w.pos = pos;
  writeEg(w, baseCount - prevSlot - 1, gapOrder);
  // Stores past the end of a typed array are dropped; flag them as writeBits does.
  if (w.pos > w.bytes.length) w.overflow = true;
}

function cached(cache: RecordCache, row: number, src: RecordSource, baseAt: number): boolean {
  return (
    cache.tick[row] === src.tick &&
    cache.baseTick[row] === src.baseTick &&
    cache.baseAt[row] === baseAt
  );
}

/**
 * Computes row `row`'s record against its baseline into the cache: mask,
 * the field codes concatenated in two words of up to 24 bits (length -1
 * when they do not fit), and each delta field's zigzag bit length (5 bits
 * each, 31 when absent).
 */
function fillCache(
  cache: RecordCache,
  row: number,
  src: RecordSource,
  baseAt: number,
  orders: Int32Array,
): void {
  const { q, baseFrame } = src;
  const at = row * FIELD_COUNT;
  let mask = 0;
  let low = 0;
  let lowLength = 0;
  let high = 0;
  let highLength = 0;
  let lengths = (1 << (5 * DELTA_FIELDS.length)) - 1;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const value = q[at + f];
    let change = value - baseFrame[baseAt + f];
    if (change === 0) continue;
    mask |= 1 << f;
    let code: number;
    const d = DELTA_INDEX[f];
    if (d < 0) {
      code = ((value & ((1 << FIELD_BITS[f]) - 1)) << 5) | FIELD_BITS[f];
    } else {
      // Wrapped fields go the short way round: into [-half, half).
      const half = DELTA_HALF[f];
      if (half !== 0) {
        change = change >= half ? change - 2 * half : change < -half ? change + 2 * half : change;
      }
      const z = zigzag(change);
      lengths = (lengths & ~(31 << (5 * d))) | ((32 - Math.clz32(z)) << (5 * d));
      code = egCode(z, orders[f]);
    }
    const length = code & 31;
    if (lowLength < 0 || code < 0) {
      lowLength = -1;
    } else if (highLength === 0 && lowLength + length <= 24) {
      low |= (code >>> 5) << lowLength;
      lowLength += length;
    } else if (highLength + length <= 24) {
      // Once a code went to the high word, the rest follow it there, in order.
      high |= (code >>> 5) << highLength;
      highLength += length;
    } else {
      lowLength = -1;
    }
  }
  cache.tick[row] = src.tick;
  cache.baseTick[row] = src.baseTick;
  cache.baseAt[row] = baseAt;
  cache.mask[row] = mask;
  cache.bits[row] = low;
  cache.length[row] = lowLength;
  cache.bitsHigh[row] = high;
  cache.lengthHigh[row] = highLength;
  cache.lengths[row] = lengths;
}

/** Field `f`'s change against the baseline; wrapped fields the short way round. */
function delta(q: Int32Array, at: number, base: Int32Array, baseAt: number, f: number): number {
  const d = q[at + f] - base[baseAt + f];
  const half = DELTA_HALF[f];
  if (half === 0) return d;
  return d >= half ? d - 2 * half : d < -half ? d + 2 * half : d;
}

/** The present fields one code at a time (a record too long for the cache). */
function writeFields(
  w: BitWriter,
  mask: number,
  src: RecordSource,
  at: number,
  baseAt: number,
  orders: Int32Array,
): void {
  const { q, baseFrame } = src;
  for (let m = mask; m !== 0; m &= m - 1) {
    const f = 31 - Math.clz32(m & -m);
    if (FIELD_DELTA[f] === 0) {
      writeBits(w, q[at + f] & ((1 << FIELD_BITS[f]) - 1), FIELD_BITS[f]);
    } else {
      writeEg(w, zigzag(delta(q, at, baseFrame, baseAt, f)), orders[f]);
    }
  }
}

/**
 * At the first use of baseline age `age` in a tick, at most every
 * ORDER_PERIOD ticks: that age's orders from its histograms (kept where
 * one is empty), which are then cleared. Every record of the tick then
 * uses the same orders, which is what lets clients share cached codes.
 */
function tuneOrders(coding: RecordCoding, age: number, tick: number): void {
  const last = coding.tunedTick[age];
  if (last >= 0 && tick - last < ORDER_PERIOD) return;
  coding.tunedTick[age] = tick;
  const orders = coding.orders;
  const at = age * AGE_HIST;
  for (let d = 0; d <= DELTA_FIELDS.length; d++) {
    const counts = coding.hist.subarray(at + d * H, at + (d + 1) * H);
    if (!counts.some((n) => n !== 0)) continue;
    const slot =
      age * ORDERS_PER_AGE + (d === DELTA_FIELDS.length ? GAP_ORDER_SLOT : DELTA_FIELDS[d]);
    orders[slot] = chooseEgOrder(
      counts,
      d === DELTA_FIELDS.length ? MAX_GAP_ORDER : MAX_DELTA_ORDER,
    );
  }
  coding.hist.fill(0, at, at + AGE_HIST);
}
