import { FIELD_COUNT, SNAPSHOT_MASK, SNAPSHOT_RING } from './spec';

/**
 * Snapshot memories of both ends, kept in rings of SNAPSHOT_RING indexed by
 * `tick & SNAPSHOT_MASK`. Both list a snapshot's entities in wire order.
 * The client keeps the quantized rows it decoded; the host keeps, per
 * entity, its row in the net view's frame of that tick (frames are shared
 * by every client, see `NetEntities.wire`), so it copies nothing per client.
 */

/** A client's decoded snapshot. */
export interface StoredSnapshot {
  /** Tick it was decoded for; -1 when the slot holds nothing usable. */
  tick: number;
  count: number;
  id: Uint32Array;
  /** `FIELD_COUNT` quantized values per entity. */
  q: Int32Array;
}

/** A snapshot the host sent to one client. */
export interface SentSnapshot {
  /** Tick it was encoded for; -1 when the slot holds nothing usable. */
  tick: number;
  count: number;
  id: Uint32Array;
  /** Row of each entity in the net view frame committed for `tick`. */
  row: Int32Array;
}

/** An empty decoded snapshot with room for `capacity` entities (>= 1). */
export function createStoredSnapshot(capacity = 64): StoredSnapshot {
  return {
    tick: -1,
    count: 0,
    id: new Uint32Array(capacity),
    q: new Int32Array(capacity * FIELD_COUNT),
  };
}

/** An empty sent snapshot with room for `capacity` entities (>= 1). */
export function createSentSnapshot(capacity = 64): SentSnapshot {
  return { tick: -1, count: 0, id: new Uint32Array(capacity), row: new Int32Array(capacity) };
}

/** SNAPSHOT_RING slots made by `make`. */
export function createRing<T>(make: () => T): T[] {
  const ring: T[] = [];
  for (let i = 0; i < SNAPSHOT_RING; i++) ring.push(make());
  return ring;
}

/** The slot of `ring` holding `tick`, or null when that tick is gone or was never stored. */
export function findStored<T extends { tick: number }>(ring: T[], tick: number): T | null {
  if (tick < 0) return null;
  const slot = ring[tick & SNAPSHOT_MASK];
  return slot.tick === tick ? slot : null;
}

function grownSize(current: number, capacity: number): number {
  let size = Math.max(1, current);
  while (size < capacity) size *= 2;
  return size;
}

/** Grows `snap`, keeping its first `snap.count` entities, so it holds at least `capacity`. */
export function reserveStoredSnapshot(snap: StoredSnapshot, capacity: number): void {
  if (snap.id.length >= capacity) return;
  const size = grownSize(snap.id.length, capacity);
  const { id, q } = snap;
  snap.id = new Uint32Array(size);
  snap.q = new Int32Array(size * FIELD_COUNT);
  snap.id.set(id.subarray(0, snap.count));
  snap.q.set(q.subarray(0, snap.count * FIELD_COUNT));
}

/** Grows `snap` (dropping its contents) so it holds at least `capacity` entities. */
export function reserveSentSnapshot(snap: SentSnapshot, capacity: number): void {
  if (snap.id.length >= capacity) return;
  const size = grownSize(snap.id.length, capacity);
  snap.count = 0;
  snap.id = new Uint32Array(size);
  snap.row = new Int32Array(size);
}
