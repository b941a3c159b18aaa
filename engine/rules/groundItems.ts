import { createGrid, rebuildGrid, type SpatialGrid } from '../space/grid';
import { addItem } from './inventory';
import { nextUint32 } from '../sim/rng';
import { DIRTY_INVENTORY } from '../world/components';
import { circleHitsWallAt } from '../space/wallIndex';
import type { World } from '../world/world';
import { grownCopy, type NumericColumn } from '../world/typedArrays';
import type { GroundItemPool, PickupSpawners } from '../world/worldPools';
export type { GroundItemPool, PickupSpawners };

const TWO_POW_32 = 4294967296;
/** Cell edge of the ground item grid, world units. */
const ITEM_GRID_CELL = 64;
/** Radius kept clear of walls around a dropped stack, world units. */
const ITEM_CLEARANCE = 4;

/** An empty pool for `capacity` stacks on a `width` × `height` map. */
export function createGroundItemPool(
  capacity: number,
  width: number,
  height: number,
): GroundItemPool {
  const c = Math.max(16, capacity);
  return {
    count: 0,
    capacity: c,
    id: new Uint32Array(c),
    x: new Float64Array(c),
    y: new Float64Array(c),
    item: new Int16Array(c),
    qty: new Uint16Array(c),
    expireTick: new Int32Array(c),
    spawner: new Int16Array(c),
    grid: createGrid(width, height, ITEM_GRID_CELL, c),
    gridValid: false,
  };
}

/**
 * Puts `qty` of item `item` on the ground at (x, y) (world units), which
 * should be clear of walls. `expireTick` -1 never expires; by default the
 * stack expires `config.itemDespawnSeconds` from now. Returns its pool index.
 */
export function placeGroundItem(
  world: World,
  item: number,
  qty: number,
  x: number,
  y: number,
  expireTick = world.tick + world.timing.despawnTicks,
  spawner = -1,
): number {
  const at = world.scratch.probe;
  at[0] = x;
  at[1] = y;
  return placeGroundItemAt(world, item, qty, at, expireTick, spawner);
}

/** `placeGroundItem` with the position in `at[0], at[1]` (the allocation-free form). */
function placeGroundItemAt(
  world: World,
  item: number,
  qty: number,
  at: Float64Array,
  expireTick: number,
  spawner: number,
): number {
  const pool = world.groundItems;
  if (pool.count === pool.capacity) growGroundItems(pool, pool.capacity * 2);
  const k = pool.count++;
  pool.id[k] = world.nextId++;
  pool.x[k] = at[0];
  pool.y[k] = at[1];
  pool.item[k] = item;
  pool.qty[k] = qty;
  pool.expireTick[k] = expireTick;
  pool.spawner[k] = spawner;
  pool.gridValid = false;
  return k;
}

/**
 * Drops the whole stack in unit `i`'s inventory slot `slot` at a random
 * point within DROP_SCATTER of the unit (its own position when that point
 * is inside a wall or off the map). Returns the pool index, or -1 when the
 * slot was empty.
 */
export function dropFromInventory(world: World, i: number, slot: number, scatter: number): number {
  const inv = world.inventory;
  const at = i * inv.slots + slot;
  const item = inv.item[at];
  if (item < 0) return -1;
  // The point lives in the probe buffer: passing it as doubles would box them.
  const p = world.scratch.probe;
  p[0] = world.x[i] + scatter * (2 * (nextUint32(world.rng) / TWO_POW_32) - 1);
  p[1] = world.y[i] + scatter * (2 * (nextUint32(world.rng) / TWO_POW_32) - 1);
  const { width, height } = world.map;
  if (
    p[0] < ITEM_CLEARANCE ||
    p[1] < ITEM_CLEARANCE ||
    p[0] > width - ITEM_CLEARANCE ||
    p[1] > height - ITEM_CLEARANCE ||
    circleHitsWallAt(world.walls, p, ITEM_CLEARANCE)
  ) {
    p[0] = world.x[i];
    p[1] = world.y[i];
  }
  const k = placeGroundItemAt(
    world,
    item,
    inv.qty[at],
    p,
    world.tick + world.timing.despawnTicks,
    -1,
  );
  inv.item[at] = -1;
  inv.qty[at] = 0;
  world.dirty[i] |= DIRTY_INVENTORY;
  return k;
}

/**
 * Moves as much of ground stack `k` into unit `i`'s inventory as fits.
 * Returns the quantity taken. A stack taken whole is marked empty (qty 0)
 * and removed by the next `sweepGroundItems`, so pool indices stay valid
 * for the rest of the pickup pass.
 */
export function pickUpGroundItem(world: World, i: number, k: number): number {
  const pool = world.groundItems;
  const qty = pool.qty[k];
  if (qty === 0) return 0;
  const left = addItem(world, i, pool.item[k], qty);
  pool.qty[k] = left;
  return qty - left;
}

/**
 * Removes taken (qty 0) and expired stacks, and starts the respawn timer of
 * a spawner whose stack is gone. Runs once per tick after pickups.
 */
export function sweepGroundItems(world: World): void {
  const pool = world.groundItems;
  const tick = world.tick;
  for (let k = 0; k < pool.count;) {
    const expire = pool.expireTick[k];
    if (pool.qty[k] !== 0 && (expire < 0 || expire > tick)) {
      k++;
      continue;
    }
    const s = pool.spawner[k];
    if (s >= 0) world.spawners.nextTick[s] = tick + world.spawners.respawnTicks[s];
    removeGroundItem(pool, k);
  }
}

/** Places a stack at every spawner whose timer is due. */
export function runSpawners(world: World): void {
  const sp = world.spawners;
  for (let s = 0; s < sp.count; s++) {
    const due = sp.nextTick[s];
    if (due < 0 || due > world.tick) continue;
    const at = world.scratch.probe;
    at[0] = sp.x[s];
    at[1] = sp.y[s];
    placeGroundItemAt(world, sp.item[s], sp.qty[s], at, -1, s);
    sp.nextTick[s] = -1;
  }
}

/** Files the stacks in `pool.grid` unless nothing changed since the last build. */
export function ensureItemGrid(world: World): SpatialGrid {
  const pool = world.groundItems;
  if (!pool.gridValid) {
    rebuildGrid(pool.grid, pool.count, pool.x, pool.y);
    pool.gridValid = true;
  }
  return pool.grid;
}

/**
 * Index of the nearest stack (not yet taken) within `radius` world units of
 * unit `i`'s centre, or -1. With `healingOnly`, only consumables that heal
 * count. Ties go to the stack filed first (grid order), so the answer is
 * deterministic. Walls are not considered. Allocates nothing.
 */
export function nearestGroundItem(
  world: World,
  i: number,
  radius: number,
  healingOnly: boolean,
): number {
  const x = world.x[i];
  const y = world.y[i];
  const pool = world.groundItems;
  if (pool.count === 0) return -1;
  const grid = ensureItemGrid(world);
  const { cols, rows, cellStart, cellItems } = grid;
  const inv = 1 / grid.cellSize;
  const c0 = clampCell((x - radius) * inv, cols);
  const c1 = clampCell((x + radius) * inv, cols);
  const r0 = clampCell((y - radius) * inv, rows);
  const r1 = clampCell((y + radius) * inv, rows);
  const heal = world.items.heal;
  let best = -1;
  let bestD2 = radius * radius;
  for (let row = r0; row <= r1; row++) {
    for (let col = c0; col <= c1; col++) {
      const cell = row * cols + col;
      const end = cellStart[cell + 1];
      for (let m = cellStart[cell]; m < end; m++) {
        const k = cellItems[m];
        if (pool.qty[k] === 0) continue;
        if (healingOnly && !(heal[pool.item[k]] > 0)) continue;
        const dx = pool.x[k] - x;
        const dy = pool.y[k] - y;
        const d2 = dx * dx + dy * dy;
        if (d2 <= bestD2 && (best < 0 || d2 < bestD2)) {
          best = k;
          bestD2 = d2;
        }
      }
    }
  }
  return best;
}

/**
 * Whether ground stack `k` is visible from (x, y): not taken and within
 * `radius` world units (a unit's perception radius). Walls are the
 * caller's concern (see `collectVisible`).
 */
export function groundItemVisible(
  world: World,
  k: number,
  x: number,
  y: number,
  radius: number,
): boolean {
  const pool = world.groundItems;
  if (k < 0 || k >= pool.count || pool.qty[k] === 0) return false;
  const dx = pool.x[k] - x;
  const dy = pool.y[k] - y;
  return dx * dx + dy * dy <= radius * radius;
}

function clampCell(v: number, n: number): number {
  const c = v | 0;
  return v < 0 ? 0 : c >= n ? n - 1 : c;
}

function removeGroundItem(pool: GroundItemPool, k: number): void {
  const last = --pool.count;
  pool.gridValid = false;
  if (k === last) return;
  pool.id[k] = pool.id[last];
  pool.x[k] = pool.x[last];
  pool.y[k] = pool.y[last];
  pool.item[k] = pool.item[last];
  pool.qty[k] = pool.qty[last];
  pool.expireTick[k] = pool.expireTick[last];
  pool.spawner[k] = pool.spawner[last];
}

function growGroundItems(pool: GroundItemPool, capacity: number): void {
  const grow = <T extends NumericColumn>(old: T): T => grownCopy(old, capacity);
  pool.id = grow(pool.id);
  pool.x = grow(pool.x);
  pool.y = grow(pool.y);
  pool.item = grow(pool.item);
  pool.qty = grow(pool.qty);
  pool.expireTick = grow(pool.expireTick);
  pool.spawner = grow(pool.spawner);
  pool.capacity = capacity;
}
