import { indexIdsIfChanged } from './idIndex';
import { smallStride, type NetEntities, type WireState } from './netEntities';
import { FIELD_COUNT, FIELD_INDEX, FIELD_MAX, FIELD_MIN, FIELDS, SNAPSHOT_MASK } from './spec';

/**
 * Commit: turns the rows the host filled into the integer frame of a tick,
 * once for all clients. Quantizing every value every tick would be the
 * costly part, so a commit starts from a copy of the previous frame, finds
 * the rows whose raw values changed by comparing 32-bit words with a copy
 * (4 small integers or 2 items a compare), requantizes only those and
 * stamps them with the tick; the encoder then skips comparing a row that
 * stayed put.
 */

/**
 * Seals the rows the host filled for `tick`: quantizes every field into the
 * frame of `tick` (clients are then compared as integers) and indexes ids.
 * Call once per tick, after filling and before `encodeSnapshot` for that
 * tick. Ticks only go forward, one commit each (frames and the shared
 * record cache are keyed by tick; a new match takes a new net view).
 * Throws RangeError when `count` is outside `0 .. capacity` or `tick` is
 * not an integer after the last commit's, below 2^32-1.
 */
export function commitNetEntities(entities: NetEntities, tick: number): void {
  const { count, wire } = entities;
  if (!Number.isInteger(count) || count < 0 || count > entities.capacity) {
    throw new RangeError(`net view count must be within 0..${entities.capacity}, got ${count}`);
  }
  if (!Number.isInteger(tick) || tick <= wire.tick || tick < 0 || tick >= 0xffffffff) {
    throw new RangeError(`tick must be an integer in ${wire.tick + 1}..2^32-2, got ${tick}`);
  }
  const slot = tick & SNAPSHOT_MASK;
  let frame = wire.frames[slot];
  if (frame === null) {
    frame = new Int32Array(entities.capacity * FIELD_COUNT);
    wire.frames[slot] = frame;
  }
  // Rows below `same` still hold the last commit's raw values and quantized rows.
  const previous = wire.tick >= 0 ? committedFrame(entities, wire.tick) : null;
  const same = previous === null ? 0 : Math.min(count, wire.rawCount);
  if (previous !== null && previous !== frame) frame.set(previous.subarray(0, same * FIELD_COUNT));

  const changed = findChangedRows(entities, same);
  const rows = wire.changedRows;
  for (let k = 0; k < changed; k++) {
    quantizeRow(entities, rows[k], frame);
    wire.changedTick[rows[k]] = tick;
  }
  copyRaw(wire);
  wire.rawCount = count;
  wire.frameTick[slot] = tick;
  wire.q = frame;
  if (indexIdsIfChanged(entities)) wire.idsTick = tick;
  wire.tick = tick;
}

/** The quantized frame committed for `tick`, or null when it was overwritten or never made. */
export function committedFrame(entities: NetEntities, tick: number): Int32Array | null {
  const slot = tick & SNAPSHOT_MASK;
  return entities.wire.frameTick[slot] === tick ? entities.wire.frames[slot] : null;
}

/**
 * Lists in `wire.changedRows` every row below `count` that needs
 * quantizing: rows at or past `same` (new since the last commit) and rows
 * whose raw words differ from the copy. Returns how many.
 */
function findChangedRows(entities: NetEntities, same: number): number {
  const { wire, count } = entities;
  const { words, raw } = wire;
  const stamp = ++wire.commits;
  let n = scanRows(wire, same, stamp);
  n = scanSmall(wire, smallStride(entities.capacity) / 4, same, stamp, n);
  n = scanWords(wire, words.item, raw.item, 2, same, stamp, n);
  for (let row = same; row < count; row++) n = listRow(wire, row, stamp, n);
  return n;
}

function listRow(wire: WireState, row: number, stamp: number, n: number): number {
  if (wire.scanMark[row] === stamp) return n;
  wire.scanMark[row] = stamp;
  wire.changedRows[n] = row;
  return n + 1;
}

/**
 * Rows below `same` whose position, angle or HP bits differ from the copy,
 * in one pass (several times cheaper than a pass per column).
 */
function scanRows(wire: WireState, same: number, stamp: number): number {
  const { words, raw } = wire;
  const { x, y, angle, hp } = words;
  const rx = raw.x;
  const ry = raw.y;
  const rAngle = raw.angle;
  const rHp = raw.hp;
  let n = 0;
  // NaN never equals itself, so a NaN row is requantized (to 0) every time.
  for (let i = 0; i < same; i++) {
    if (x[i] !== rx[i] || y[i] !== ry[i] || angle[i] !== rAngle[i] || hp[i] !== rHp[i]) {
      n = listRow(wire, i, stamp, n);
    }
  }
  return n;
}

/**
 * Rows below `same` whose `kind`, `team` or `flags` differ: the three
 * segments' words (4 rows each) compared side by side, `segment` words apart.
 */
function scanSmall(
  wire: WireState,
  segment: number,
  same: number,
  stamp: number,
  n: number,
): number {
  const now = wire.words.small;
  const was = wire.raw.small;
  const end = Math.ceil(same / 4);
  for (let w = 0; w < end; w++) {
    if (
      now[w] === was[w] &&
      now[w + segment] === was[w + segment] &&
      now[w + 2 * segment] === was[w + 2 * segment]
    ) {
      continue;
    }
    for (let row = w * 4; row < w * 4 + 4 && row < same; row++) n = listRow(wire, row, stamp, n);
  }
  return n;
}

/** Rows below `same` whose words differ, `perWord` rows a word. */
function scanWords(
  wire: WireState,
  now: Int32Array,
  was: Int32Array,
  perWord: number,
  same: number,
  stamp: number,
  n: number,
): number {
  const end = Math.ceil(same / perWord);
  for (let w = 0; w < end; w++) {
    if (now[w] === was[w]) continue;
    const row0 = w * perWord;
    for (let row = row0; row < row0 + perWord && row < same; row++)
      n = listRow(wire, row, stamp, n);
  }
  return n;
}

/** Keeps the raw values just quantized for the next commit's comparison. */
function copyRaw(wire: WireState): void {
  const { words, raw } = wire;
  raw.x.set(words.x);
  raw.y.set(words.y);
  raw.angle.set(words.angle);
  raw.hp.set(words.hp);
  raw.small.set(words.small);
  raw.item.set(words.item);
}

// Names every field: commit.test.ts proves each field's change is seen and
// quantized as `quantize` in spec.ts does. Table values are hoisted into
// constants so the row is straight-line code.
const IX = FIELD_INDEX.x;
const IY = FIELD_INDEX.y;
const IANGLE = FIELD_INDEX.angle;
const IHP = FIELD_INDEX.hp;
const IKIND = FIELD_INDEX.kind;
const ITEAM = FIELD_INDEX.team;
const IITEM = FIELD_INDEX.item;
const IFLAGS = FIELD_INDEX.flags;
const SCALE_X = FIELDS[IX].scale;
const SCALE_Y = FIELDS[IY].scale;
const SCALE_ANGLE = FIELDS[IANGLE].scale;
const SCALE_HP = FIELDS[IHP].scale;
const MIN_X = FIELD_MIN[IX];
const MAX_X = FIELD_MAX[IX];
const MIN_Y = FIELD_MIN[IY];
const MAX_Y = FIELD_MAX[IY];
const MIN_HP = FIELD_MIN[IHP];
const MAX_HP = FIELD_MAX[IHP];
const ANGLE_MASK = (1 << FIELDS[IANGLE].bits) - 1;

/** Quantizes row `i` into `q`. */
function quantizeRow(e: NetEntities, i: number, q: Int32Array): void {
  const k = i * FIELD_COUNT;
  q[k + IX] = clamp(Math.round(e.x[i] * SCALE_X), MIN_X, MAX_X);
  q[k + IY] = clamp(Math.round(e.y[i] * SCALE_Y), MIN_Y, MAX_Y);
  const angle = Math.round(e.angle[i] * SCALE_ANGLE);
  q[k + IANGLE] = angle === angle ? angle & ANGLE_MASK : 0;
  q[k + IHP] = clamp(Math.round(e.hp[i] * SCALE_HP), MIN_HP, MAX_HP);
  // Integer arrays whose whole range is on the wire (commit.test.ts checks).
  q[k + IKIND] = e.kind[i];
  q[k + ITEAM] = e.team[i];
  q[k + IITEM] = e.item[i];
  q[k + IFLAGS] = e.flags[i];
}

/** `v` clamped to `min .. max`; NaN gives 0. */
function clamp(v: number, min: number, max: number): number {
  return v < min ? min : v > max ? max : v === v ? v : 0;
}
