import { LENGTH_HISTOGRAM_SIZE } from './bits';
import { idTableSize, indexIds } from './idIndex';
import { dequantize, FIELD_COUNT, FIELDS, SNAPSHOT_RING, type NetFieldName } from './spec';

/**
 * The net view: what the snapshot codec knows of an entity, one row per
 * entity in parallel typed arrays (rows `0 .. count-1`). The host fills one
 * each tick from the world and calls `commitNetEntities`; a client gets one
 * back from every decoded snapshot. Everything but `id` is a wire field (see
 * FIELDS in spec.ts), so the codec stays generic over what the world holds.
 */
export interface NetEntities {
  /** Rows each array holds. */
  readonly capacity: number;
  /** Rows in use. */
  count: number;
  /** Entity id, unique among the rows (the codec's key, not a field). */
  readonly id: Uint32Array;
  /** Entity kind (KIND_* in engine/components.ts, or any 0..255). */
  readonly kind: Uint8Array;
  /** Team number, 0..255 (NO_TEAM for none). */
  readonly team: Uint8Array;
  /** Position, world units from the map origin. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Facing, radians (0 = +x, towards +y). */
  readonly angle: Float64Array;
  /** HP as a fraction of max HP, 0..1. */
  readonly hp: Float32Array;
  /** Item or definition index, -32768..32767 (-1: none). */
  readonly item: Int16Array;
  /** Eight game-defined flag bits (alive, …). */
  readonly flags: Uint8Array;
  /** Codec state derived by `commitNetEntities`; not for callers. */
  readonly wire: WireState;
}

export type { NetFieldName };

/** Derived per-tick state: quantized frames and an id → row index. */
export interface WireState {
  /** Tick given to the last `commitNetEntities`; -1 before the first. */
  tick: number;
  /** Quantized rows of the last commit, `FIELD_COUNT` per row (one of `frames`). */
  q: Int32Array;
  /**
   * Quantized rows of the last SNAPSHOT_RING commits, by `tick & SNAPSHOT_MASK`
   * (allocated on first use). Every client's sent snapshots point into these.
   */
  frames: (Int32Array | null)[];
  /** Tick each frame was committed for; -1 none. */
  frameTick: Float64Array;
  /** 32-bit views of the fields, and copies as of the last commit (see `commitNetEntities`). */
  words: RawWords;
  raw: RawWords;
  /** Rows the last commit saw (rows below it are compared with `raw`). */
  rawCount: number;
  /** Per row, the last tick its raw values changed. */
  changedTick: Float64Array;
  /** Rows found changed by the commit in progress, and a per-row stamp to list each once. */
  changedRows: Int32Array;
  scanMark: Int32Array;
  commits: number;
  /** Open-addressing id table: row + 1, 0 = empty; length a power of two. */
  table: Int32Array;
  /** Last commit tick at which any row's id (or the count) changed. */
  idsTick: number;
  /** Ids as last indexed (the index is rebuilt only when they change). */
  indexedIds: Uint32Array;
  indexedCount: number;
  /** Rows whose id repeats an earlier row's at the last commit (left out of snapshots). */
  duplicateIds: number;
  /** Visibility stamps of the encoder, per row. */
  mark: Int32Array;
  stamp: number;
  /** Changed-record codes per row, shared by clients with the same baseline. */
  records: RecordCache;
  /** Exp-Golomb orders of changed records, shared by every client. */
  coding: RecordCoding;
}

/**
 * How changed records are coded, per baseline age (ticks, 1..SNAPSHOT_RING-1,
 * since deltas grow with it): ORDERS_PER_AGE orders (one per field, used by
 * delta fields, then the slot gaps) and the bit-length histograms they are
 * next chosen from (LENGTH_HISTOGRAM_SIZE per delta field, then the gaps).
 */
export interface RecordCoding {
  orders: Int32Array;
  hist: Int32Array;
  /** Tick the orders of each age were last chosen at; -1 never. */
  tunedTick: Float64Array;
}

/** Orders per baseline age in `RecordCoding.orders`: one per field, then the slot gaps. */
export const ORDERS_PER_AGE = FIELD_COUNT + 1;
/** Histograms per baseline age in `RecordCoding.hist`: one per delta field, then the gaps. */
export const HISTOGRAMS_PER_AGE = FIELDS.filter((f) => f.delta).length + 1;

/**
 * Per row: the changed record last computed for it, valid while the three
 * keys match (this tick, the baseline's tick and frame offset; the orders
 * follow from the tick and the baseline's age). `length` -1: the codes
 * were too long to keep (over 48 bits).
 */
export interface RecordCache {
  tick: Float64Array;
  baseTick: Float64Array;
  baseAt: Int32Array;
  mask: Int32Array;
  /** The field codes: `length` bits in `bits`, then `lengthHigh` bits in `bitsHigh`. */
  bits: Int32Array;
  length: Int32Array;
  bitsHigh: Int32Array;
  lengthHigh: Int32Array;
  /** Bit length of each delta field's zigzag value, 5 bits each (31: absent). */
  lengths: Int32Array;
}

/**
 * The field arrays as the commit compares them: floats one per row, and the
 * small integer fields several rows per 32-bit word (`kind`, `team` and
 * `flags` share one buffer, segments of `smallStride` rows, 4 rows a word;
 * `item` 2 rows a word; `hp` by its bits).
 */
export interface RawWords {
  x: Float64Array;
  y: Float64Array;
  angle: Float64Array;
  hp: Int32Array;
  small: Int32Array;
  item: Int32Array;
}

/** Rows per segment of the shared small-integer buffer (capacity rounded up to 4). */
export function smallStride(capacity: number): number {
  return (capacity + 3) & ~3;
}

/** An empty net view with room for `capacity` rows (integer in 1..MAX_NET_ROWS). */
export function createNetEntities(capacity: number): NetEntities {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_NET_ROWS) {
    throw new RangeError(
      `net view capacity must be an integer in 1..${MAX_NET_ROWS}, got ${capacity}`,
    );
  }
  const stride = smallStride(capacity);
  // Fields of one small type share a buffer so a commit compares them a word at a time.
  const small = new Uint8Array(3 * stride);
  const items = new Int16Array(stride);
  const hp = new Float32Array(capacity);
  const x = new Float64Array(capacity);
  const y = new Float64Array(capacity);
  const angle = new Float64Array(capacity);
  return {
    capacity,
    count: 0,
    id: new Uint32Array(capacity),
    kind: small.subarray(0, capacity),
    team: small.subarray(stride, stride + capacity),
    x,
    y,
    angle,
    hp,
    item: items.subarray(0, capacity),
    flags: small.subarray(2 * stride, 2 * stride + capacity),
    wire: {
      tick: -1,
      q: new Int32Array(capacity * FIELD_COUNT),
      frames: new Array<Int32Array | null>(SNAPSHOT_RING).fill(null),
      frameTick: new Float64Array(SNAPSHOT_RING).fill(-1),
      words: {
        x,
        y,
        angle,
        hp: new Int32Array(hp.buffer),
        small: new Int32Array(small.buffer),
        item: new Int32Array(items.buffer),
      },
      raw: {
        x: new Float64Array(capacity),
        y: new Float64Array(capacity),
        angle: new Float64Array(capacity),
        hp: new Int32Array(capacity),
        small: new Int32Array((3 * stride) / 4),
        item: new Int32Array(stride / 2),
      },
      rawCount: 0,
      changedTick: new Float64Array(capacity).fill(-1),
      changedRows: new Int32Array(capacity),
      scanMark: new Int32Array(capacity),
      commits: 0,
      table: new Int32Array(idTableSize(capacity)),
      idsTick: -1,
      indexedIds: new Uint32Array(capacity),
      indexedCount: -1,
      duplicateIds: 0,
      mark: new Int32Array(capacity),
      stamp: 0,
      records: {
        tick: new Float64Array(capacity).fill(-1),
        baseTick: new Float64Array(capacity),
        baseAt: new Int32Array(capacity),
        mask: new Int32Array(capacity),
        bits: new Int32Array(capacity),
        length: new Int32Array(capacity),
        bitsHigh: new Int32Array(capacity),
        lengthHigh: new Int32Array(capacity),
        lengths: new Int32Array(capacity),
      },
      coding: createRecordCoding(),
    },
  };
}

function createRecordCoding(): RecordCoding {
  // Until measured: orders that suit walking entities.
  const orders = new Int32Array(SNAPSHOT_RING * ORDERS_PER_AGE).fill(4);
  for (let age = 0; age < SNAPSHOT_RING; age++) orders[age * ORDERS_PER_AGE + FIELD_COUNT] = 2;
  return {
    orders,
    hist: new Int32Array(SNAPSHOT_RING * HISTOGRAMS_PER_AGE * LENGTH_HISTOGRAM_SIZE),
    tunedTick: new Float64Array(SNAPSHOT_RING).fill(-1),
  };
}

/** The typed array behind wire field `name`. */
export function fieldArray(
  entities: NetEntities,
  name: NetFieldName,
): ArrayLike<number> & {
  [index: number]: number;
} {
  return entities[name];
}

/** Most rows a net view may have (the encoder packs rows into sort keys below 2^20). */
export const MAX_NET_ROWS = 1 << 20;

/**
 * Fills rows `0 .. count-1` of `out` from quantized rows (`FIELD_COUNT` ints
 * each) and ids: the values the host's quantized state stands for; ids are
 * indexed for `rowOfId`. Grows nothing: `out.capacity` must be at least
 * `count`.
 */
export function fillFromQuantized(
  out: NetEntities,
  count: number,
  ids: Uint32Array,
  q: Int32Array,
): void {
  out.count = count;
  out.id.set(ids.subarray(0, count));
  out.wire.q.set(q.subarray(0, count * FIELD_COUNT));
  for (let f = 0; f < FIELD_COUNT; f++) {
    const field = FIELDS[f];
    const dst = fieldArray(out, field.name);
    for (let i = 0, k = f; i < count; i++, k += FIELD_COUNT) dst[i] = dequantize(field, q[k]);
  }
  indexIds(out);
}
