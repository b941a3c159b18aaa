import { createUnitComponents, type UnitComponents } from './components';
import type { World } from './world';
import { grownCopy } from './typedArrays';

/**
 * Unit pool management: growing, resetting and compacting every per-unit
 * column at once. Columns are found generically (each typed array in a
 * component group holds `capacity * stride` elements), so a new component
 * field needs no change here. None of this runs per tick.
 */

/** Any per-unit column. */
export type Column =
  Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float64Array;

/** Body and identity columns kept directly on the world (one element per unit). */
const BODY_KEYS = [
  'id',
  'kind',
  'team',
  'behavior',
  'x',
  'y',
  'vx',
  'vy',
  'heading',
  'wanderTicks',
] as const;
/** Component groups on the world. */
const GROUP_KEYS = [
  'health',
  'stats',
  'combat',
  'intent',
  'inventory',
  'equipment',
  'skills',
  'score',
  'ai',
] as const;

/** Calls `visit(holder, key, column)` for every per-unit column of the world. */
function forEachColumn(
  world: World,
  visit: (holder: Record<string, unknown>, key: string, column: Column) => void,
): void {
  const body = world as unknown as Record<string, unknown>;
  for (const key of BODY_KEYS) visit(body, key, body[key] as Column);
  visit(body, 'dirty', world.dirty);
  for (const group of GROUP_KEYS) {
    const holder = world[group] as unknown as Record<string, unknown>;
    for (const key of Object.keys(holder)) {
      const value = holder[key];
      if (ArrayBuffer.isView(value)) visit(holder, key, value as Column);
    }
  }
}

/**
 * Calls `visit(column, stride)` for every per-unit column of the world in a
 * fixed order (body columns, `dirty`, then each component group's fields).
 */
export function forEachUnitColumn(
  world: World,
  visit: (column: Column, stride: number) => void,
): void {
  forEachColumn(world, (_holder, _key, column) => visit(column, column.length / world.capacity));
}

/** The template whose single unit slot holds every column's default value. */
let template: { slots: number; components: UnitComponents } | null = null;

function templateFor(slots: number): UnitComponents {
  if (!template || template.slots !== slots) {
    template = { slots, components: createUnitComponents(1, slots) };
  }
  return template.components;
}

/**
 * Replaces every per-unit column with one of `capacity` (>= count) units,
 * keeping the data of units `0 .. count-1`. Allocates; references to old
 * columns go stale.
 */
export function growUnits(world: World, capacity: number): void {
  const old = world.capacity;
  forEachColumn(world, (holder, key, column) => {
    holder[key] = grownCopy(column, capacity * (column.length / old));
  });
  world.capacity = capacity;
}

/**
 * Sets every column of unit slot `i` to its default (empty inventory and
 * equipment, level 1, no AI target, zero elsewhere) before a unit is created there.
 */
export function resetUnitSlot(world: World, i: number): void {
  const defaults = templateFor(world.inventory.slots);
  const body = world as unknown as Record<string, Column>;
  for (const key of BODY_KEYS) body[key][i] = 0;
  world.dirty[i] = 0;
  for (const group of GROUP_KEYS) {
    const holder = world[group] as unknown as Record<string, unknown>;
    const source = defaults[group] as unknown as Record<string, unknown>;
    for (const key of Object.keys(holder)) {
      const column = holder[key];
      if (!ArrayBuffer.isView(column)) continue;
      // The template holds one unit, so its length is the stride.
      const values = source[key] as Column;
      const stride = values.length;
      for (let k = 0; k < stride; k++) (column as Column)[i * stride + k] = values[k];
    }
  }
}

/**
 * Removes the units whose `keep[i]` is 0, shifting the others down in
 * order (relative order and every column preserved), and rebuilds the id
 * lookup. Returns the new count.
 */
export function compactUnits(world: World, keep: Uint8Array): number {
  const count = world.count;
  let kept = 0;
  for (let i = 0; i < count; i++) if (keep[i]) kept++;
  if (kept === count) return count;
  forEachColumn(world, (_holder, _key, column) => {
    const stride = column.length / world.capacity;
    let w = 0;
    for (let i = 0; i < count; i++) {
      if (!keep[i]) continue;
      if (w !== i) column.copyWithin(w * stride, i * stride, (i + 1) * stride);
      w++;
    }
  });
  world.count = kept;
  rebuildUnitIndex(world);
  return kept;
}

/** Rebuilds `world.unitIndex` (unit id → index) from the id column. */
export function rebuildUnitIndex(world: World): void {
  world.unitIndex.clear();
  for (let i = 0; i < world.count; i++) world.unitIndex.set(world.id[i], i);
}

/** Index of the unit with id `id`, or -1 when no live unit has it. */
export function unitIndexOf(world: World, id: number): number {
  const i = world.unitIndex.get(id);
  return i === undefined ? -1 : i;
}
