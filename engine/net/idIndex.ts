/**
 * The rows an id index reads and writes (a `NetEntities` is one): declared
 * here so this file need not import netEntities.ts, which imports it.
 */
export interface IdIndexedRows {
  readonly count: number;
  readonly id: Uint32Array;
  readonly wire: {
    table: Int32Array;
    indexedIds: Uint32Array;
    indexedCount: number;
    duplicateIds: number;
  };
}

/**
 * The id → row index of a net view: open addressing over a power-of-two
 * table of `row + 1` (0 = empty), rebuilt only when the ids changed.
 */

/** Table length for `capacity` rows: a power of two, at least twice the rows. */
export function idTableSize(capacity: number): number {
  let size = 16;
  while (size < capacity * 2) size *= 2;
  return size;
}

function hashId(id: number, mask: number): number {
  return (Math.imul(id, 0x9e3779b1) >>> 7) & mask;
}

/**
 * Indexes rows `0 .. count-1` by id unless they are the ids indexed last
 * time; returns whether it did.
 */
export function indexIdsIfChanged(entities: IdIndexedRows): boolean {
  const { count, id, wire } = entities;
  if (wire.indexedCount === count) {
    const seen = wire.indexedIds;
    let same = true;
    for (let i = 0; i < count; i++) {
      if (seen[i] !== id[i]) {
        same = false;
        break;
      }
    }
    if (same) return false;
  }
  indexIds(entities);
  return true;
}

/** Indexes rows `0 .. count-1` by id; a repeated id keeps its first row and is counted. */
export function indexIds(entities: IdIndexedRows): void {
  const { count, id, wire } = entities;
  const table = wire.table;
  const mask = table.length - 1;
  table.fill(0);
  let duplicates = 0;
  for (let i = 0; i < count; i++) {
    const key = id[i];
    let h = hashId(key, mask);
    for (;;) {
      const slot = table[h];
      if (slot === 0) {
        table[h] = i + 1;
        break;
      }
      if (id[slot - 1] === key) {
        duplicates++;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  wire.duplicateIds = duplicates;
  wire.indexedIds.set(id.subarray(0, count));
  wire.indexedCount = count;
}

/** Row of entity `key` at the last commit (or decode), or -1. The first row wins when ids repeat. */
export function rowOfId(entities: IdIndexedRows, key: number): number {
  const { table } = entities.wire;
  const mask = table.length - 1;
  const id = entities.id;
  let h = hashId(key, mask);
  for (;;) {
    const slot = table[h];
    if (slot === 0) return -1;
    if (id[slot - 1] === key) return slot - 1;
    h = (h + 1) & mask;
  }
}
