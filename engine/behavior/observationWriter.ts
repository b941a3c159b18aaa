import { INVENTORY_SLOT_LIMIT, MAX_SEEN, MAX_WALLS } from './api';
import {
  AGENT_HEADER,
  A_ARMOR,
  A_AIM_X,
  A_AIM_Y,
  A_FIRE_COOLDOWN,
  A_HP,
  A_ID,
  A_INVENTORY_COUNT,
  A_LENGTH,
  A_MAX_HP,
  A_PERCEPTION,
  A_RADIUS,
  A_RANGE,
  A_SEEN_COUNT,
  A_SPEED,
  A_TEAM,
  A_TRINKET,
  A_VX,
  A_VY,
  A_WALL_COUNT,
  A_WEAPON,
  A_X,
  A_Y,
  INVENTORY_STRIDE,
  SEEN_STRIDE,
  WALL_STRIDE,
} from './packing';
import { grownCopy } from '../world/typedArrays';

/** A writable array of numbers: a typed array or a plain array. */
export interface NumberArray {
  [index: number]: number;
  readonly length: number;
}

/**
 * The per-unit fields an observation is made of, as struct-of-arrays
 * indexed by unit index (the engine's world arrays can be passed as they
 * are). Units as in api.ts; items are item-table indices, -1 for none.
 */
export interface AgentColumns {
  id: ArrayLike<number>;
  team: ArrayLike<number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  vx: ArrayLike<number>;
  vy: ArrayLike<number>;
  hp: ArrayLike<number>;
  maxHp: ArrayLike<number>;
  /** World units per second. */
  speed: ArrayLike<number>;
  /** Shot travel, world units. */
  range: ArrayLike<number>;
  aimX: ArrayLike<number>;
  aimY: ArrayLike<number>;
  /** Ticks until the unit may fire again. */
  fireCooldown: ArrayLike<number>;
  /** Inventory slots per unit: slot s of unit u is `[u * inventorySlots + s]`. */
  inventorySlots: number;
  inventoryItem: ArrayLike<number>;
  inventoryCount: ArrayLike<number>;
  /** Equipped item per column (weapon, armor, trinket): `[u * 3 + column]`. */
  equipment: ArrayLike<number>;
  /** Body radius of every unit, world units. */
  radius: number;
  /** Perception radius of every unit, world units. */
  perception: number;
}

/**
 * What one unit sees, filled by the engine's perception (e.g. from
 * `collectVisible` refs): `length` entries, any order. `kind` is the
 * engine's KIND_* number, `item` an item index (-1 for non-items), `team`
 * -1 where it means nothing.
 */
export interface VisibleList {
  length: number;
  id: Float64Array;
  kind: Uint8Array;
  team: Int32Array;
  x: Float64Array;
  y: Float64Array;
  vx: Float64Array;
  vy: Float64Array;
  hp: Float64Array;
  item: Int32Array;
}

/** Walls near one unit: `length` axis-aligned rectangles (top-left corner and size). */
export interface WallList {
  length: number;
  x: Float64Array;
  y: Float64Array;
  width: Float64Array;
  height: Float64Array;
}

/**
 * One tick's observations for every behavior-driven unit, grouped by
 * behavior slot (each group contiguous in `records`). Read-only for
 * callers; built with beginBatch / beginGroup / writeAgent / endBatch.
 */
export interface ObservationBatch {
  tick: number;
  tickRate: number;
  ticksLeft: number;
  /** Agent records (packing.ts), `length` doubles used. */
  records: Float64Array;
  length: number;
  /** Per group: behavior slot, first double, doubles, agents — GROUP_FIELDS ints each. */
  groups: Int32Array;
  groupCount: number;
  /** Unit index and record start (double offset) of each record, in record order. */
  units: Int32Array;
  recordStart: Int32Array;
  agentCount: number;
  /** Scratch for sorting what a unit sees by distance. */
  order: Int32Array;
  distance: Float64Array;
}

/** Ints per group in `ObservationBatch.groups`. */
export const GROUP_FIELDS = 4;
export const GROUP_SLOT = 0;
export const GROUP_START = 1;
export const GROUP_LENGTH = 2;
export const GROUP_AGENTS = 3;

/** An empty batch; its arrays grow as needed (amortised, so steady ticks allocate nothing). */
export function createObservationBatch(agentCapacity = 64): ObservationBatch {
  const agents = Math.max(1, agentCapacity);
  return {
    tick: 0,
    tickRate: 0,
    ticksLeft: -1,
    records: new Float64Array(agents * (AGENT_HEADER + 16 * SEEN_STRIDE)),
    length: 0,
    groups: new Int32Array(16 * GROUP_FIELDS),
    groupCount: 0,
    units: new Int32Array(agents),
    recordStart: new Int32Array(agents),
    agentCount: 0,
    order: new Int32Array(64),
    distance: new Float64Array(64),
  };
}

/** A visible list with room for `capacity` entities. */
export function createVisibleList(capacity = 64): VisibleList {
  return {
    length: 0,
    id: new Float64Array(capacity),
    kind: new Uint8Array(capacity),
    team: new Int32Array(capacity),
    x: new Float64Array(capacity),
    y: new Float64Array(capacity),
    vx: new Float64Array(capacity),
    vy: new Float64Array(capacity),
    hp: new Float64Array(capacity),
    item: new Int32Array(capacity),
  };
}

/** A wall list with room for `capacity` walls. */
export function createWallList(capacity = MAX_WALLS): WallList {
  return {
    length: 0,
    x: new Float64Array(capacity),
    y: new Float64Array(capacity),
    width: new Float64Array(capacity),
    height: new Float64Array(capacity),
  };
}

/** Empties `batch` for a new tick. `ticksLeft` is -1 when the match has no time limit. */
export function beginBatch(
  batch: ObservationBatch,
  tick: number,
  tickRate: number,
  ticksLeft: number,
): void {
  batch.tick = tick;
  batch.tickRate = tickRate;
  batch.ticksLeft = ticksLeft;
  batch.length = 0;
  batch.groupCount = 0;
  batch.agentCount = 0;
}

/**
 * Starts the group of behavior `slot` (integer >= 0); the agents written
 * next belong to it. Each slot should appear once per batch (see
 * `orderUnitsBySlot`). A group left empty is dropped.
 */
export function beginGroup(batch: ObservationBatch, slot: number): void {
  dropEmptyLastGroup(batch);
  if ((batch.groupCount + 1) * GROUP_FIELDS > batch.groups.length) {
    batch.groups = grownCopy(batch.groups, batch.groups.length * 2);
  }
  const g = batch.groupCount * GROUP_FIELDS;
  batch.groups[g] = slot;
  batch.groups[g + 1] = batch.length;
  batch.groups[g + 2] = 0;
  batch.groups[g + 3] = 0;
  batch.groupCount++;
}

/** Closes the batch: drops a trailing empty group. Call before handing the batch on. */
export function endBatch(batch: ObservationBatch): void {
  dropEmptyLastGroup(batch);
}

/**
 * Appends unit `unit`'s observation to the current group: its own fields
 * from `columns`, the nearest MAX_SEEN of `visible` sorted by distance, the
 * first MAX_WALLS of `walls`, and its occupied inventory slots. Throws
 * RangeError when no group was begun.
 */
export function writeAgent(
  batch: ObservationBatch,
  unit: number,
  columns: AgentColumns,
  visible: VisibleList,
  walls: WallList,
): void {
  if (batch.groupCount === 0) throw new RangeError('writeAgent before beginGroup');
  const seen = sortVisible(batch, columns.x[unit], columns.y[unit], visible);
  const wallCount = Math.min(walls.length, MAX_WALLS);
  const invBase = unit * columns.inventorySlots;
  const invSlots = Math.min(columns.inventorySlots, INVENTORY_SLOT_LIMIT);
  let invCount = 0;
  for (let s = 0; s < invSlots; s++) {
    if (columns.inventoryItem[invBase + s] >= 0 && columns.inventoryCount[invBase + s] > 0) {
      invCount++;
    }
  }
  const length =
    AGENT_HEADER + invCount * INVENTORY_STRIDE + seen * SEEN_STRIDE + wallCount * WALL_STRIDE;
  const start = reserve(batch, length);
  const r = batch.records;
  r[start + A_LENGTH] = length;
  r[start + A_ID] = columns.id[unit];
  r[start + A_TEAM] = columns.team[unit];
  r[start + A_X] = columns.x[unit];
  r[start + A_Y] = columns.y[unit];
  r[start + A_VX] = columns.vx[unit];
  r[start + A_VY] = columns.vy[unit];
  r[start + A_HP] = columns.hp[unit];
  r[start + A_MAX_HP] = columns.maxHp[unit];
  r[start + A_RADIUS] = columns.radius;
  r[start + A_SPEED] = columns.speed[unit];
  r[start + A_PERCEPTION] = columns.perception;
  r[start + A_RANGE] = columns.range[unit];
  r[start + A_AIM_X] = columns.aimX[unit];
  r[start + A_AIM_Y] = columns.aimY[unit];
  r[start + A_FIRE_COOLDOWN] = columns.fireCooldown[unit];
  r[start + A_WEAPON] = columns.equipment[unit * 3];
  r[start + A_ARMOR] = columns.equipment[unit * 3 + 1];
  r[start + A_TRINKET] = columns.equipment[unit * 3 + 2];
  r[start + A_INVENTORY_COUNT] = invCount;
  r[start + A_SEEN_COUNT] = seen;
  r[start + A_WALL_COUNT] = wallCount;
  r[start + 22] = 0;
  r[start + 23] = 0;
  let p = start + AGENT_HEADER;
  for (let s = 0; s < invSlots; s++) {
    const item = columns.inventoryItem[invBase + s];
    const count = columns.inventoryCount[invBase + s];
    if (item < 0 || count <= 0) continue;
    r[p] = s;
    r[p + 1] = item;
    r[p + 2] = count;
    p += INVENTORY_STRIDE;
  }
  for (let k = 0; k < seen; k++) {
    const v = batch.order[k];
    r[p] = visible.id[v];
    r[p + 1] = visible.kind[v];
    r[p + 2] = visible.team[v];
    r[p + 3] = visible.x[v];
    r[p + 4] = visible.y[v];
    r[p + 5] = visible.vx[v];
    r[p + 6] = visible.vy[v];
    r[p + 7] = visible.hp[v];
    r[p + 8] = visible.item[v];
    r[p + 9] = batch.distance[k];
    p += SEEN_STRIDE;
  }
  for (let w = 0; w < wallCount; w++) {
    r[p] = walls.x[w];
    r[p + 1] = walls.y[w];
    r[p + 2] = walls.width[w];
    r[p + 3] = walls.height[w];
    p += WALL_STRIDE;
  }
  recordAgent(batch, unit, start, length);
}

/**
 * Counting sort of the units `0 .. count-1` by behavior slot: writes into
 * `outUnits` the units whose `slotOfUnit` is >= 0, grouped by ascending
 * slot (unit order kept within a slot), and returns how many. Units with a
 * negative slot are left out (built-in AI, or no behavior). `counts` is
 * scratch of at least (largest slot + 2) entries.
 */
export function orderUnitsBySlot(
  slotOfUnit: ArrayLike<number>,
  count: number,
  outUnits: Int32Array,
  counts: Int32Array,
): number {
  counts.fill(0);
  for (let u = 0; u < count; u++) {
    const s = slotOfUnit[u];
    if (s >= 0) counts[s + 1]++;
  }
  for (let s = 1; s < counts.length; s++) counts[s] += counts[s - 1];
  const total = counts[counts.length - 1];
  for (let u = 0; u < count; u++) {
    const s = slotOfUnit[u];
    if (s >= 0) outUnits[counts[s]++] = u;
  }
  return total;
}

/** Keeps the nearest MAX_SEEN in `batch.order`/`batch.distance`, nearest first; returns how many. */
function sortVisible(batch: ObservationBatch, x: number, y: number, visible: VisibleList): number {
  const n = visible.length;
  if (batch.order.length < n) {
    batch.order = new Int32Array(n * 2);
    batch.distance = new Float64Array(n * 2);
  }
  const order = batch.order;
  const distance = batch.distance;
  // Insertion sort: the lists are short, and equal distances keep their input order (deterministic).
  for (let i = 0; i < n; i++) {
    const dx = visible.x[i] - x;
    const dy = visible.y[i] - y;
    const d = Math.sqrt(dx * dx + dy * dy);
    let at = i;
    while (at > 0 && distance[at - 1] > d) {
      order[at] = order[at - 1];
      distance[at] = distance[at - 1];
      at--;
    }
    order[at] = i;
    distance[at] = d;
  }
  return Math.min(n, MAX_SEEN);
}

function reserve(batch: ObservationBatch, length: number): number {
  const start = batch.length;
  if (start + length > batch.records.length) {
    const next = new Float64Array(Math.max(batch.records.length * 2, start + length));
    next.set(batch.records.subarray(0, start));
    batch.records = next;
  }
  batch.length = start + length;
  return start;
}

function recordAgent(batch: ObservationBatch, unit: number, start: number, length: number): void {
  const a = batch.agentCount;
  if (a >= batch.units.length) {
    batch.units = grownCopy(batch.units, batch.units.length * 2);
    batch.recordStart = grownCopy(batch.recordStart, batch.recordStart.length * 2);
  }
  batch.units[a] = unit;
  batch.recordStart[a] = start;
  batch.agentCount = a + 1;
  const g = (batch.groupCount - 1) * GROUP_FIELDS;
  batch.groups[g + 2] += length;
  batch.groups[g + 3]++;
}

function dropEmptyLastGroup(batch: ObservationBatch): void {
  const last = batch.groupCount - 1;
  if (last >= 0 && batch.groups[last * GROUP_FIELDS + 3] === 0) batch.groupCount = last;
}
