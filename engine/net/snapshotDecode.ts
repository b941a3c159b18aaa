import {
  createBitReader,
  readBits,
  readEg,
  readerDone,
  resetBitReader,
  unzigzag,
  type BitReader,
} from './bits';
import { createNetEntities, fillFromQuantized, type NetEntities } from './netEntities';
import {
  createRing,
  createStoredSnapshot,
  findStored,
  reserveStoredSnapshot,
  type StoredSnapshot,
} from './snapshotStore';
import { readSnapshotHeader, type SnapshotHeader } from './snapshotPackets';
import {
  DELTA_ORDER_BITS,
  FIELD_BITS,
  FIELD_COUNT,
  FIELD_DELTA,
  FIELD_MAX,
  FIELD_MIN,
  FIELD_SIGNED,
  FIELD_WRAP,
  GAP_ORDER_BITS,
  MAX_FRAGMENT_PAYLOAD_BYTES,
  MAX_SNAPSHOT_ENTITIES,
  RECORD_COUNT_ORDER,
  REMOVED_COUNT_ORDER,
  SNAPSHOT_ERRORS,
  SNAPSHOT_HEADER_BYTES,
  SNAPSHOT_MASK,
  type SnapshotError,
} from './spec';

/**
 * Client side of the snapshot codec: reassembles fragments, applies each
 * delta to the baseline it names (refusing one it does not hold), and keeps
 * a ring of decoded snapshots to serve as later baselines. Every packet ends
 * in a result, never a throw: the decoder only reads within the packet,
 * every count is checked against a limit before it drives a loop, and a
 * refused packet leaves every stored snapshot but its own target slot as it
 * was.
 */

/** A decoded snapshot; `entities` belongs to the client state and is refilled by the next one. */
export interface DecodedSnapshot {
  tick: number;
  /** Tick of the baseline it was a delta from; -1 for a full snapshot. */
  baselineTick: number;
  /** Newest input seq the host had applied for this client; -1 none. */
  inputAck: number;
  /** The whole entity set at `tick`, as the host quantized it. */
  entities: NetEntities;
}

/**
 * `snapshot` is null when a fragment was stored and the rest of its
 * snapshot has not arrived yet.
 */
export type SnapshotResult =
  | { readonly ok: true; readonly snapshot: DecodedSnapshot | null }
  | { readonly ok: false; readonly reason: SnapshotError };

/** Fragments of the one snapshot being reassembled. */
interface Assembly {
  /** Tick being assembled; -1 none. */
  tick: number;
  age: number;
  inputAck: number;
  fragments: number;
  received: number;
  have: Uint8Array;
  lastLength: number;
  bytes: Uint8Array;
}

/** What a client keeps between snapshot packets. */
export interface ClientState {
  /** Decoded snapshots, indexed by `tick & SNAPSHOT_MASK`. */
  ring: StoredSnapshot[];
  /** Newest tick fully decoded; -1 none. Send it to the host as the snapshot ack. */
  lastTick: number;
  /** The newest decoded snapshot (its `entities` are replaced when they outgrow capacity). */
  snapshot: DecodedSnapshot;
  /** Snapshots decoded so far. */
  fullSnapshots: number;
  deltaSnapshots: number;
  /** Refused packets, by reason. */
  errors: Record<SnapshotError, number>;
  assembly: Assembly;
  header: SnapshotHeader;
  reader: BitReader;
  /** The removed slots of the snapshot being read. */
  slotMap: Int32Array;
  /** Exp-Golomb order of each delta field in the snapshot being read. */
  orders: Int32Array;
}

const PENDING: SnapshotResult = Object.freeze({ ok: true, snapshot: null });
const FAILURES = Object.fromEntries(
  SNAPSHOT_ERRORS.map((reason) => [reason, Object.freeze({ ok: false, reason })]),
) as Record<SnapshotError, SnapshotResult>;
const EMPTY: StoredSnapshot = createStoredSnapshot(1);

/** A client that has decoded nothing yet (its first snapshot must be full). */
export function createClientState(): ClientState {
  const errors = {} as Record<SnapshotError, number>;
  for (const reason of SNAPSHOT_ERRORS) errors[reason] = 0;
  return {
    ring: createRing(createStoredSnapshot),
    lastTick: -1,
    snapshot: { tick: -1, baselineTick: -1, inputAck: -1, entities: createNetEntities(64) },
    fullSnapshots: 0,
    deltaSnapshots: 0,
    errors,
    assembly: {
      tick: -1,
      age: 0,
      inputAck: -1,
      fragments: 0,
      received: 0,
      have: new Uint8Array(256),
      lastLength: 0,
      bytes: new Uint8Array(0),
    },
    header: { tick: 0, age: 0, inputAck: -1, fragment: 0, fragments: 0 },
    reader: createBitReader(),
    slotMap: new Int32Array(64),
    orders: new Int32Array(FIELD_COUNT),
  };
}

function fail(state: ClientState, reason: SnapshotError): SnapshotResult {
  state.errors[reason]++;
  return FAILURES[reason];
}

/**
 * Takes one snapshot packet. Returns the decoded snapshot once all its
 * fragments are in, `snapshot: null` while some are missing, or why the
 * packet was refused (counted in `state.errors`). A packet no newer than
 * the last decoded tick is `stale`; a delta whose baseline the client does
 * not hold is `unknown_baseline` and changes nothing.
 */
export function decodeSnapshot(state: ClientState, packet: Uint8Array): SnapshotResult {
  const h = state.header;
  const error = readSnapshotHeader(packet, h);
  if (error !== null) return fail(state, error);
  if (h.tick <= state.lastTick) return fail(state, 'stale');
  if (h.fragments === 1) return decodeBody(state, packet, SNAPSHOT_HEADER_BYTES, packet.length);

  const asm = state.assembly;
  if (asm.tick === h.tick) {
    if (asm.fragments !== h.fragments || asm.age !== h.age || asm.inputAck !== h.inputAck) {
      return fail(state, 'fragment_mismatch');
    }
    if (asm.have[h.fragment] !== 0) return fail(state, 'duplicate_fragment');
  } else if (asm.tick > h.tick) {
    return fail(state, 'stale');
  } else {
    // A newer snapshot: whatever was being assembled is dropped.
    asm.tick = h.tick;
    asm.age = h.age;
    asm.inputAck = h.inputAck;
    asm.fragments = h.fragments;
    asm.received = 0;
    asm.have.fill(0);
    const size = h.fragments * MAX_FRAGMENT_PAYLOAD_BYTES;
    if (asm.bytes.length < size) asm.bytes = new Uint8Array(size);
  }
  const payload = packet.subarray(SNAPSHOT_HEADER_BYTES);
  asm.bytes.set(payload, h.fragment * MAX_FRAGMENT_PAYLOAD_BYTES);
  asm.have[h.fragment] = 1;
  asm.received++;
  if (h.fragment === h.fragments - 1) asm.lastLength = payload.length;
  if (asm.received < asm.fragments) return PENDING;
  asm.tick = -1;
  const end = (asm.fragments - 1) * MAX_FRAGMENT_PAYLOAD_BYTES + asm.lastLength;
  return decodeBody(state, asm.bytes, 0, end);
}

function decodeBody(
  state: ClientState,
  body: Uint8Array,
  start: number,
  end: number,
): SnapshotResult {
  const h = state.header;
  const baselineTick = h.age === 0 ? -1 : h.tick - h.age;
  const base = h.age === 0 ? EMPTY : findStored(state.ring, baselineTick);
  if (base === null) return fail(state, 'unknown_baseline');
  // 0 < age < SNAPSHOT_RING, so the target slot is never the baseline's.
  const target = state.ring[h.tick & SNAPSHOT_MASK];
  target.tick = -1;
  target.count = 0;
  const r = state.reader;
  resetBitReader(r, body, start, end);

  copyBaseline(base, target);
  const error =
    readChanged(state, target, r) ??
    readRemoved(state, target, r) ??
    readAdded(target, r) ??
    (readerDone(r) ? null : 'trailing_bytes');
  if (error !== null) return fail(state, error);

  target.tick = h.tick;
  state.lastTick = h.tick;
  if (state.assembly.tick !== -1 && state.assembly.tick <= h.tick) state.assembly.tick = -1;
  if (base === EMPTY) state.fullSnapshots++;
  else state.deltaSnapshots++;
  const snap = state.snapshot;
  if (snap.entities.capacity < target.count) {
    snap.entities = createNetEntities(Math.max(target.count, snap.entities.capacity * 2));
  }
  fillFromQuantized(snap.entities, target.count, target.id, target.q);
  snap.tick = h.tick;
  snap.baselineTick = baselineTick;
  snap.inputAck = h.inputAck;
  return { ok: true, snapshot: snap };
}

/** The reader's own error, if it has one. */
function readError(r: BitReader): SnapshotError | null {
  return r.overflow ? 'truncated' : r.malformed ? 'malformed' : null;
}

/** `target` = every slot of the baseline, to be changed in place, then compacted. */
function copyBaseline(base: StoredSnapshot, target: StoredSnapshot): void {
  reserveStoredSnapshot(target, base.count);
  target.id.set(base.id.subarray(0, base.count));
  target.q.set(base.q.subarray(0, base.count * FIELD_COUNT));
  target.count = base.count;
}

/**
 * Changed section: the orders, then records applied to their baseline slot
 * in `target`, until the gap that lands one past the last slot.
 */
function readChanged(
  state: ClientState,
  target: StoredSnapshot,
  r: BitReader,
): SnapshotError | null {
  const F = FIELD_COUNT;
  const isDelta = FIELD_DELTA;
  const orders = state.orders;
  const kc = readBits(r, GAP_ORDER_BITS);
  for (let f = 0; f < F; f++) if (isDelta[f] === 1) orders[f] = readBits(r, DELTA_ORDER_BITS);
  const baseCount = target.count;
  const tq = target.q;
  let slot = -1;
  let prevMask = 0;
  for (;;) {
    slot += 1 + readEg(r, kc);
    if (r.overflow || r.malformed) return readError(r);
    if (slot === baseCount) return null;
    if (slot > baseCount) return 'bad_slot';
    const mask = readBits(r, 1) === 1 ? prevMask : readBits(r, F);
    if (mask === 0) return readError(r) ?? 'malformed';
    prevMask = mask;
    const ti = slot * F;
    for (let m = mask; m !== 0; m &= m - 1) {
      const f = 31 - Math.clz32(m & -m);
      if (isDelta[f] === 0) {
        tq[ti + f] = readRaw(r, f);
        continue;
      }
      const z = readEg(r, orders[f]);
      // A valid delta never needs more than bits + 1 bits of zigzag.
      if (z >= DELTA_LIMIT[f]) return readError(r) ?? 'bad_value';
      let v = tq[ti + f] + unzigzag(z);
      if (FIELD_WRAP[f] === 1) v &= (1 << FIELD_BITS[f]) - 1;
      else if (v < FIELD_MIN[f] || v > FIELD_MAX[f]) return 'bad_value';
      tq[ti + f] = v;
    }
    if (r.overflow || r.malformed) return readError(r);
  }
}

/** Removed section: the removed baseline slots, then `target` compacted without them. */
function readRemoved(
  state: ClientState,
  target: StoredSnapshot,
  r: BitReader,
): SnapshotError | null {
  const baseCount = target.count;
  const removed = readEg(r, REMOVED_COUNT_ORDER);
  if (r.overflow || r.malformed) return readError(r);
  if (removed > baseCount) return 'bad_slot';
  if (removed === 0) return null;
  if (state.slotMap.length < removed) state.slotMap = new Int32Array(removed * 2);
  const slots = state.slotMap;
  const k = readBits(r, GAP_ORDER_BITS);
  let slot = -1;
  for (let i = 0; i < removed; i++) {
    slot += 1 + readEg(r, k);
    if (r.overflow || r.malformed) return readError(r);
    if (slot >= baseCount) return 'bad_slot';
    slots[i] = slot;
  }
  // Slide each run of kept slots down over the removed ones.
  const F = FIELD_COUNT;
  const { id, q } = target;
  let n = slots[0];
  for (let i = 0; i < removed; i++) {
    const from = slots[i] + 1;
    const to = i + 1 < removed ? slots[i + 1] : baseCount;
    if (to > from) {
      id.copyWithin(n, from, to);
      q.copyWithin(n * F, from * F, to * F);
      n += to - from;
    }
  }
  target.count = n;
  return null;
}

/** Added section: appends each record to `target`, its absent fields 0. */
function readAdded(target: StoredSnapshot, r: BitReader): SnapshotError | null {
  const count = readEg(r, RECORD_COUNT_ORDER);
  if (readError(r) !== null) return readError(r);
  if (target.count + count > MAX_SNAPSHOT_ENTITIES) return 'too_many_entities';
  if (count === 0) return null;
  reserveStoredSnapshot(target, target.count + count);
  const F = FIELD_COUNT;
  const tq = target.q;
  const tid = target.id;
  const k = readBits(r, GAP_ORDER_BITS);
  let id = -1;
  let prevMask = 0;
  let t = target.count;
  for (let a = 0; a < count; a++) {
    id += 1 + readEg(r, k);
    const mask = readBits(r, 1) === 1 ? prevMask : readBits(r, F);
    if (r.overflow || r.malformed) return readError(r);
    if (id > 0xffffffff) return 'bad_value';
    prevMask = mask;
    const ti = t * F;
    for (let f = 0; f < F; f++) tq[ti + f] = (mask & (1 << f)) === 0 ? 0 : readRaw(r, f);
    if (r.overflow || r.malformed) return readError(r);
    tid[t] = id;
    t++;
    target.count = t;
  }
  return null;
}

/** A raw field value: `bits` bits, sign-extended when the field is signed. */
function readRaw(r: BitReader, f: number): number {
  const bits = FIELD_BITS[f];
  const v = readBits(r, bits);
  if (FIELD_SIGNED[f] === 0) return v;
  const shift = 32 - bits;
  return (v << shift) >> shift;
}

/** Per field, the first zigzag value no valid delta reaches. */
const DELTA_LIMIT = Float64Array.from(FIELD_BITS, (bits) => 2 ** (bits + 1));
