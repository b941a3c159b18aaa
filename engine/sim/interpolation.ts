/**
 * Client-side interpolation of entity positions between world frames.
 * Frames arrive at the tick rate (~20 Hz) and the renderer draws at ~60 Hz
 * a little behind the newest frame, blending the two frames that bracket
 * its render time. Frames are kept in a fixed ring sorted by time; their
 * buffers are reused, so steady-state pushing and sampling allocate nothing
 * (a frame larger than any before grows its slot's buffers once).
 */

/** One stored frame; `lookup` is an open-addressing table id → index + 1 (0 = empty). */
interface Frame {
  timeMs: number;
  count: number;
  ids: Uint32Array;
  xy: Float64Array;
  lookup: Int32Array;
}

/** A ring of recent frames, oldest first in `order`. Treat as opaque; use the functions below. */
export interface Interpolator {
  maxFrames: number;
  /** Frame slots; `order[0 .. size)` lists the used ones by ascending time. */
  frames: Frame[];
  order: Int32Array;
  size: number;
}

/** An empty interpolator keeping the newest `maxFrames` frames (integer >= 2, default 32). */
export function createInterpolator(maxFrames = 32): Interpolator {
  if (!Number.isInteger(maxFrames) || maxFrames < 2) {
    throw new RangeError(`maxFrames must be an integer >= 2, got ${maxFrames}`);
  }
  const frames: Frame[] = [];
  for (let i = 0; i < maxFrames; i++) {
    frames.push({
      timeMs: 0,
      count: 0,
      ids: new Uint32Array(0),
      xy: new Float64Array(0),
      lookup: new Int32Array(1),
    });
  }
  return { maxFrames, frames, order: new Int32Array(maxFrames), size: 0 };
}

/**
 * Stores a frame: at simulation time `timeMs` (ms), entity `ids[k]` stands at
 * `(xy[2k], xy[2k+1])` (world units); the data is copied. A frame whose time
 * is already stored (a duplicate) is ignored; a late frame is slotted in by
 * time, unless the ring is full and it is older than everything kept. When
 * full, the oldest frame makes room. Throws RangeError for a non-finite time
 * or an `xy` shorter than `2 * ids.length`.
 */
export function pushFrame(
  interp: Interpolator,
  timeMs: number,
  ids: ArrayLike<number>,
  xy: ArrayLike<number>,
): void {
  if (!Number.isFinite(timeMs)) throw new RangeError(`frame time must be finite, got ${timeMs}`);
  const count = ids.length;
  if (xy.length < 2 * count) {
    throw new RangeError(
      `frame xy holds ${xy.length} numbers, needs ${2 * count} for ${count} ids`,
    );
  }
  const { frames, order } = interp;
  // Insert position: after every frame not newer than timeMs.
  let pos = interp.size;
  while (pos > 0 && frames[order[pos - 1]].timeMs > timeMs) pos--;
  if (pos > 0 && frames[order[pos - 1]].timeMs === timeMs) return;
  let slot: number;
  if (interp.size < interp.maxFrames) {
    slot = freeSlot(interp);
  } else {
    if (pos === 0) return;
    slot = order[0];
    order.copyWithin(0, 1, interp.size);
    interp.size--;
    pos--;
  }
  order.copyWithin(pos + 1, pos, interp.size);
  order[pos] = slot;
  interp.size++;
  fillFrame(frames[slot], timeMs, ids, xy);
}

/**
 * Writes the entities visible at `renderTimeMs` (ms, simulation time) into
 * `outIds` / `outXy` (x, y pairs, world units) and returns how many. Between
 * two frames each id of the newer frame is placed linearly between its two
 * positions; an id only in the newer frame appears at its new position, an
 * id missing from the newer frame is left out. Before the oldest frame it
 * shows the oldest; past the newest it shows the newest (no extrapolation).
 * Writes at most `min(outIds.length, outXy.length / 2)` entities. Returns 0
 * when empty.
 */
export function sampleFrame(
  interp: Interpolator,
  renderTimeMs: number,
  outIds: Uint32Array,
  outXy: Float32Array,
): number {
  const { size, frames, order } = interp;
  if (size === 0) return 0;
  const limit = Math.min(outIds.length, outXy.length >> 1);
  const newest = frames[order[size - 1]];
  const oldest = frames[order[0]];
  if (!(renderTimeMs < newest.timeMs)) return copyFrame(newest, limit, outIds, outXy);
  if (renderTimeMs <= oldest.timeMs) return copyFrame(oldest, limit, outIds, outXy);
  let k = size - 2;
  while (frames[order[k]].timeMs > renderTimeMs) k--;
  const a = frames[order[k]];
  const b = frames[order[k + 1]];
  const t = (renderTimeMs - a.timeMs) / (b.timeMs - a.timeMs);
  const n = Math.min(b.count, limit);
  for (let m = 0; m < n; m++) {
    const id = b.ids[m];
    const bx = b.xy[2 * m];
    const by = b.xy[2 * m + 1];
    // Entities usually keep their index between frames; look up only when not.
    const j = m < a.count && a.ids[m] === id ? m : findIndex(a, id);
    outIds[m] = id;
    if (j < 0) {
      outXy[2 * m] = bx;
      outXy[2 * m + 1] = by;
    } else {
      const ax = a.xy[2 * j];
      const ay = a.xy[2 * j + 1];
      outXy[2 * m] = ax + (bx - ax) * t;
      outXy[2 * m + 1] = ay + (by - ay) * t;
    }
  }
  return n;
}

/** Simulation time (ms) of the newest stored frame; -Infinity when empty. */
export function newestFrameTime(interp: Interpolator): number {
  return interp.size === 0 ? -Infinity : interp.frames[interp.order[interp.size - 1]].timeMs;
}

/** Frames currently stored. */
export function frameCount(interp: Interpolator): number {
  return interp.size;
}

/** Forgets every frame (after a map change or a reconnect); keeps the buffers. */
export function clearInterpolator(interp: Interpolator): void {
  interp.size = 0;
}

function freeSlot(interp: Interpolator): number {
  for (let s = 0; s < interp.maxFrames; s++) {
    let used = false;
    for (let k = 0; k < interp.size; k++) if (interp.order[k] === s) used = true;
    if (!used) return s;
  }
  throw new Error('interpolator: no free slot although the ring is not full');
}

function hashId(id: number, mask: number): number {
  return (Math.imul(id, 0x9e3779b1) >>> 0) & mask;
}

function fillFrame(
  frame: Frame,
  timeMs: number,
  ids: ArrayLike<number>,
  xy: ArrayLike<number>,
): void {
  const count = ids.length;
  if (frame.ids.length < count) {
    frame.ids = new Uint32Array(count);
    frame.xy = new Float64Array(2 * count);
  }
  let tableSize = frame.lookup.length;
  if (tableSize < 2 * count) {
    while (tableSize < 2 * count) tableSize *= 2;
    frame.lookup = new Int32Array(tableSize);
  } else {
    frame.lookup.fill(0);
  }
  frame.timeMs = timeMs;
  frame.count = count;
  const mask = tableSize - 1;
  for (let k = 0; k < count; k++) {
    const id = ids[k];
    frame.ids[k] = id;
    frame.xy[2 * k] = xy[2 * k];
    frame.xy[2 * k + 1] = xy[2 * k + 1];
    let h = hashId(id, mask);
    while (frame.lookup[h] !== 0) h = (h + 1) & mask;
    frame.lookup[h] = k + 1;
  }
}

function findIndex(frame: Frame, id: number): number {
  const mask = frame.lookup.length - 1;
  let h = hashId(id, mask);
  for (;;) {
    const slot = frame.lookup[h];
    if (slot === 0) return -1;
    if (frame.ids[slot - 1] === id) return slot - 1;
    h = (h + 1) & mask;
  }
}

function copyFrame(frame: Frame, limit: number, outIds: Uint32Array, outXy: Float32Array): number {
  const n = Math.min(frame.count, limit);
  for (let m = 0; m < n; m++) {
    outIds[m] = frame.ids[m];
    outXy[2 * m] = frame.xy[2 * m];
    outXy[2 * m + 1] = frame.xy[2 * m + 1];
  }
  return n;
}
