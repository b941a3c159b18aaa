import {
  createBitWriter,
  flushBits,
  LENGTH_HISTOGRAM_SIZE,
  resetBitWriter,
  type BitWriter,
} from './bits';
import { rowOfId } from './idIndex';
import { committedFrame } from './netCommit';
import type { NetEntities } from './netEntities';
import {
  createRing,
  createSentSnapshot,
  findStored,
  reserveSentSnapshot,
  type SentSnapshot,
} from './snapshotStore';
import { writeFragments } from './snapshotPackets';
import { ROW_KEY, rowOfKey, writeAdded, writeGapList, type EncodeScratch } from './snapshotWrite';
import { writeChangedSection, type RecordSource } from './snapshotRecords';
import {
  FIELD_COUNT,
  MAX_BODY_BYTES,
  MAX_ENTITY_BITS,
  MAX_PACKET_BYTES,
  MAX_SNAPSHOT_ENTITIES,
  REMOVED_COUNT_ORDER,
  SNAPSHOT_HEADER_BYTES,
  SNAPSHOT_MASK,
  SNAPSHOT_RING,
} from './spec';

/**
 * Host side of the snapshot codec (Quake III's SV_SendClientSnapshot):
 * each client's snapshot is the delta from the last snapshot that client
 * acknowledged, found in a ring of the last SNAPSHOT_RING sent, or a full
 * snapshot when there is none. Change detection compares the integer rows
 * `commitNetEntities` quantized for this tick with those of the baseline's
 * tick; a sent snapshot stores only ids and frame rows.
 */

/** What the host remembers about one client's snapshots. */
export interface ClientView {
  /** Sent snapshots, indexed by `tick & SNAPSHOT_MASK`. */
  ring: SentSnapshot[];
  /** Newest tick the client acknowledged; -1 none (the next snapshot is full). */
  ackTick: number;
  /** Newest tick encoded for this client; -1 none. */
  lastTick: number;
  /** Newest input seq applied for this client, echoed in each header; -1 none. */
  inputAck: number;
  /** Full and delta snapshots encoded so far. */
  fullSnapshots: number;
  deltaSnapshots: number;
  /** Visible entities left out because a snapshot would exceed MAX_SNAPSHOT_ENTITIES. */
  truncated: number;
  /**
   * Bytes a snapshot to this client may take, header included, before
   * entering entities wait for a later tick (nearest to the focus first);
   * Infinity (the default) sends every one at once. When the changes of
   * the entities already held exceed it too, the farthest of them leave
   * the snapshot (listed as removed; they come back through the entering
   * budget, nearest first), so a snapshot keeps to one packet.
   */
  budgetBytes: number;
  /** Where the client looks from (its avatar), world units; NaN: nowhere in particular. */
  focusX: number;
  focusY: number;
  /** Entering entities held back by `budgetBytes` so far, summed over snapshots. */
  deferred: number;
  /** Held entities dropped by `budgetBytes` (their changes did not fit), summed over snapshots. */
  shed: number;
}

/** A client view with nothing sent and nothing acknowledged. */
export function createClientView(): ClientView {
  return {
    ring: createRing(createSentSnapshot),
    ackTick: -1,
    lastTick: -1,
    inputAck: -1,
    fullSnapshots: 0,
    deltaSnapshots: 0,
    truncated: 0,
    budgetBytes: Infinity,
    focusX: NaN,
    focusY: NaN,
    deferred: 0,
    shed: 0,
  };
}

/**
 * Records that the client fully decoded the snapshot of `tick` (the ack it
 * sends with its inputs). Ignored, returning false, unless `tick` is newer
 * than the current ack and still in the ring of what was sent.
 */
export function ackSnapshot(view: ClientView, tick: number): boolean {
  if (!Number.isInteger(tick) || tick <= view.ackTick || tick > view.lastTick) return false;
  if (view.lastTick - tick >= SNAPSHOT_RING) return false;
  if (findStored(view.ring, tick) === null) return false;
  view.ackTick = tick;
  return true;
}

/**
 * Where `encodeSnapshot` writes: the packets of the last encode, their
 * bytes, and scratch. One buffer can serve every client in turn: send (or
 * copy) a client's packets before encoding the next.
 */
export interface PacketBuffer {
  /** The packets' bytes, one MAX_PACKET_BYTES slot per fragment (grown as needed). */
  bytes: Uint8Array;
  /** Views into `bytes`: the packets of the last encode. */
  packets: Uint8Array[];
  scratch: EncodeScratch;
}

/**
 * An empty packet buffer. It grows to the largest snapshot encoded through
 * it (at most about MAX_BODY_BYTES twice over), so a buffer per client
 * costs only what that client's snapshots need.
 */
export function createPacketBuffer(): PacketBuffer {
  const n = 64;
  return {
    bytes: new Uint8Array(MAX_PACKET_BYTES),
    packets: [],
    scratch: {
      writer: createBitWriter(new Uint8Array(bodyBound(n))),
      removed: new Int32Array(n),
      movedSlot: new Int32Array(n),
      movedRow: new Int32Array(n),
      changed: {
        count: 0,
        slot: new Int32Array(n),
        row: new Int32Array(n),
        baseAt: new Int32Array(n),
      },
      addedKey: new Float64Array(n),
      hist: new Int32Array(LENGTH_HISTOGRAM_SIZE),
      deferred: 0,
    },
  };
}

/** Body bytes a snapshot over `entities` baseline slots and visible rows may need. */
function bodyBound(entities: number): number {
  return Math.min(MAX_BODY_BYTES, Math.ceil((entities * MAX_ENTITY_BITS) / 8) + 64);
}

/** Grows the scratch of `out` for a baseline of `baseCount` and `visible` visible rows. */
function reserveScratch(out: PacketBuffer, baseCount: number, visible: number): void {
  const scratch = out.scratch;
  const bytes = bodyBound(baseCount + visible);
  if (scratch.writer.bytes.length < bytes) scratch.writer.bytes = new Uint8Array(bytes);
  const n = Math.min(MAX_SNAPSHOT_ENTITIES, Math.max(baseCount, visible));
  if (scratch.removed.length >= n) return;
  const size = Math.max(n, scratch.removed.length * 2);
  scratch.removed = new Int32Array(size);
  scratch.movedSlot = new Int32Array(size);
  scratch.movedRow = new Int32Array(size);
  scratch.changed.slot = new Int32Array(size);
  scratch.changed.row = new Int32Array(size);
  scratch.changed.baseAt = new Int32Array(size);
  scratch.addedKey = new Float64Array(size);
}

const EMPTY: SentSnapshot = createSentSnapshot(1);
const NO_FRAME = new Int32Array(0);

/**
 * Encodes the snapshot of `tick` for one client: the entities at rows
 * `visibleIndices` of `entities` (all rows when null), as a delta from the
 * client's acknowledged baseline or in full, split into packets of at most
 * MAX_PACKET_BYTES. Returns views into `out`, valid until its next use.
 * `commitNetEntities(entities, tick)` must have run; ticks must increase per
 * client. Throws on those caller errors only.
 */
export function encodeSnapshot(
  view: ClientView,
  entities: NetEntities,
  visibleIndices: Int32Array | null,
  tick: number,
  out: PacketBuffer,
): Uint8Array[] {
  if (entities.wire.tick !== tick) {
    throw new Error(`commitNetEntities(entities, ${tick}) must run before encodeSnapshot`);
  }
  if (tick <= view.lastTick) {
    throw new RangeError(`snapshot ticks must increase per client: ${tick} after ${view.lastTick}`);
  }
  let base = chooseBaseline(view, tick);
  const baseFrame = base === EMPTY ? NO_FRAME : committedFrame(entities, base.tick);
  if (baseFrame === null) base = EMPTY;
  const visible = stampVisible(entities, visibleIndices);
  const allVisible = visibleIndices === null;
  const target = view.ring[tick & SNAPSHOT_MASK];
  target.tick = -1;
  reserveSentSnapshot(target, Math.min(MAX_SNAPSHOT_ENTITIES, visible));

  reserveScratch(out, base.count, visible);
  const scratch = out.scratch;
  const w = scratch.writer;
  resetBitWriter(w);
  const frame = baseFrame ?? NO_FRAME;
  const source: RecordSource = {
    q: entities.wire.q,
    tick,
    baseFrame: frame,
    baseTick: base.tick,
    cache: entities.wire.records,
    coding: entities.wire.coding,
  };
  writeHeldSections(w, base, entities, allVisible, target, scratch, source);
  const room = view.budgetBytes - SNAPSHOT_HEADER_BYTES;
  // The held entities' changes alone overflow the budget: the farthest leave, then write again.
  for (let pass = 0; pass < MAX_SHED_PASSES; pass++) {
    const excess = w.pos * 8 + w.accBits + ADDED_SECTION_BITS - room * 8;
    if (excess <= 0) break;
    if (allVisible && pass === 0) stampEveryRow(entities);
    const dropped = shedFarthest(view, entities, scratch, excess);
    if (dropped === 0) break;
    view.shed += dropped;
    resetBitWriter(w);
    writeHeldSections(w, base, entities, false, target, scratch, source);
  }
  const used = w.pos * 8 + w.accBits + ADDED_SECTION_BITS;
  view.truncated += writeAdded(w, scratch, entities, visibleIndices, target, {
    bits: room === Infinity ? Infinity : Math.max(0, room * 8 - used),
    x: view.focusX,
    y: view.focusY,
  });
  view.deferred += scratch.deferred;
  const bodyBytes = flushBits(w);
  if (w.overflow) throw new Error('snapshot body overflow (MAX_SNAPSHOT_ENTITIES too large)');

  target.tick = tick;
  view.lastTick = tick;
  if (base === EMPTY) view.fullSnapshots++;
  else view.deltaSnapshots++;
  const age = base === EMPTY ? 0 : tick - base.tick;
  return writeFragments(out, w.bytes, bodyBytes, tick, age, view.inputAck);
}

/** Bits for the added section's count and order, counted before it is written. */
const ADDED_SECTION_BITS = 32;
/** Re-writes of a snapshot whose held entities' changes overflow its budget (estimates can fall short). */
const MAX_SHED_PASSES = 3;
/** Bits a removed slot is taken to cost (its Exp-Golomb gap), against the record it saves. */
const REMOVED_SLOT_BITS = 6;
/** A changed record's slot gap and mask, bits, besides its field codes. */
const RECORD_OVERHEAD_BITS = 4 + FIELD_COUNT + 1;
/** Bits taken for a record too long for the cache (over 48 bits of codes). */
const LONG_RECORD_BITS = 64;

/** The baseline's sections: changed records, then removed slots. */
function writeHeldSections(
  w: BitWriter,
  base: SentSnapshot,
  entities: NetEntities,
  allVisible: boolean,
  target: SentSnapshot,
  scratch: EncodeScratch,
  source: RecordSource,
): void {
  const removed = walkBaseline(base, entities, allVisible, target, scratch);
  writeChangedSection(w, scratch.changed, base.count, source);
  writeGapList(w, scratch.removed, removed, REMOVED_COUNT_ORDER, scratch.hist);
}

/** Stamps every row visible, so rows can then be taken out of view one by one. */
function stampEveryRow(entities: NetEntities): void {
  const { mark, stamp } = entities.wire;
  mark.fill(stamp, 0, entities.count);
}

/**
 * Takes the farthest held entities with a changed record out of this
 * snapshot until the bits their records took (less their removed slots)
 * cover `excess`: their mark becomes the added section's "claimed", so the
 * baseline walk lists them as removed and they are not added back in the
 * same snapshot. Reads the record sizes the last changed section cached.
 * Returns how many were taken out.
 */
function shedFarthest(
  view: ClientView,
  entities: NetEntities,
  scratch: EncodeScratch,
  excess: number,
): number {
  const { changed, addedKey: keys } = scratch;
  const { mask, length, lengthHigh } = entities.wire.records;
  const focused = view.focusX === view.focusX && view.focusY === view.focusY;
  let n = 0;
  for (let c = 0; c < changed.count; c++) {
    const row = changed.row[c];
    if (mask[row] === 0) continue;
    // Farthest sorts last; with no focus, the highest slots go first.
    let near = c;
    if (focused) {
      const dx = entities.x[row] - view.focusX;
      const dy = entities.y[row] - view.focusY;
      near = Math.min(2 ** 32 - 1, Math.floor(dx * dx + dy * dy));
    }
    keys[n++] = near * ROW_KEY + row;
  }
  if (n === 0) return 0;
  keys.subarray(0, n).sort();
  const { mark, stamp } = entities.wire;
  let saved = 0;
  let dropped = 0;
  for (let k = n - 1; k >= 0 && saved < excess; k--) {
    const row = rowOfKey(keys[k]);
    const codes = length[row] >= 0 ? length[row] + lengthHigh[row] : LONG_RECORD_BITS;
    saved += RECORD_OVERHEAD_BITS + codes - REMOVED_SLOT_BITS;
    mark[row] = -stamp;
    dropped++;
  }
  return dropped;
}

function chooseBaseline(view: ClientView, tick: number): SentSnapshot {
  if (view.ackTick < 0 || tick - view.ackTick >= SNAPSHOT_RING) return EMPTY;
  return findStored(view.ring, view.ackTick) ?? EMPTY;
}

/**
 * Stamps the visible rows in `entities.wire.mark` (none when all rows are
 * visible); returns how many rows were listed.
 */
function stampVisible(entities: NetEntities, visibleIndices: Int32Array | null): number {
  const wire = entities.wire;
  const mark = wire.mark;
  if (wire.stamp >= 0x3fffffff) {
    mark.fill(0);
    wire.stamp = 0;
  }
  const stamp = ++wire.stamp;
  const count = entities.count;
  if (visibleIndices === null) return count;
  const n = visibleIndices.length;
  for (let k = 0; k < n; k++) {
    const row = visibleIndices[k];
    if (row < 0 || row >= count) {
      throw new RangeError(`visible index ${row} is outside the net view's 0..${count - 1}`);
    }
    mark[row] = stamp;
  }
  return n;
}

/**
 * Walks the baseline in slot order: slots whose entity is gone or out of
 * view are listed as removed (`scratch.removed`); kept ones that moved row
 * or whose raw values changed since the baseline are listed as candidates
 * for changed records (`scratch.changed`). A row that did neither costs a
 * few loads. Builds `target` and returns the number removed.
 */
function walkBaseline(
  base: SentSnapshot,
  entities: NetEntities,
  allVisible: boolean,
  target: SentSnapshot,
  scratch: EncodeScratch,
): number {
  const F = FIELD_COUNT;
  const { removed, movedSlot, movedRow, changed } = scratch;
  const { mark, stamp, changedTick, duplicateIds } = entities.wire;
  // With repeated ids (a host bug), every id resolves to its first row.
  const hints = duplicateIds === 0;
  const ids = entities.id;
  const count = entities.count;
  const baseTick = base.tick;
  const baseIds = base.id;
  const baseRows = base.row;
  const baseCount = base.count;
  // No id has moved since the baseline: every slot's entity is still on its row.
  const stable = hints && entities.wire.idsTick <= baseTick;
  let removedCount = 0;
  let movedCount = 0;
  let changedCount = 0;
  for (let s = 0; s < baseCount; s++) {
    const baseRow = baseRows[s];
    let row = baseRow;
    if (!stable) {
      const id = baseIds[s];
      if (row >= count || ids[row] !== id || !hints) row = rowOfId(entities, id);
    }
    if (row < 0 || (!allVisible && mark[row] !== stamp)) {
      removed[removedCount++] = s;
      continue;
    }
    if (row !== baseRow) {
      movedSlot[movedCount] = s;
      movedRow[movedCount++] = row;
    } else if (changedTick[row] <= baseTick) {
      // Same row, raw values untouched since the baseline: the frames agree.
      continue;
    }
    changed.slot[changedCount] = s;
    changed.row[changedCount] = row;
    changed.baseAt[changedCount++] = baseRow * F;
  }
  changed.count = changedCount;
  buildTarget(base, target, removed, removedCount, movedSlot, movedRow, movedCount);
  return removedCount;
}

/** `target` = the baseline without its removed slots (runs copied whole), moved rows updated. */
function buildTarget(
  base: SentSnapshot,
  target: SentSnapshot,
  removed: Int32Array,
  removedCount: number,
  movedSlot: Int32Array,
  movedRow: Int32Array,
  movedCount: number,
): void {
  let n = 0;
  let from = 0;
  for (let r = 0; r <= removedCount; r++) {
    const to = r < removedCount ? removed[r] : base.count;
    if (to > from) {
      target.id.set(base.id.subarray(from, to), n);
      target.row.set(base.row.subarray(from, to), n);
      n += to - from;
    }
    from = to + 1;
  }
  target.count = n;
  // A kept slot's place in target is its slot less the removed slots before it.
  let r = 0;
  for (let m = 0; m < movedCount; m++) {
    const s = movedSlot[m];
    while (r < removedCount && removed[r] < s) r++;
    target.row[s - r] = movedRow[m];
  }
}
