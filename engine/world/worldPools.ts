import type { SpatialGrid } from '../space/grid';

/**
 * The shapes of the world's pools (ground items, projectiles, perception
 * scratch): types only, so world.ts can name them without importing the
 * modules that work on a World (which would close an import cycle).
 */

/**
 * Ground items: stacks lying on the map, in a dense swap-remove pool.
 * They come from deaths (a dead unit's inventory) and from the map's pickup
 * spawners, are picked up by units within PICKUP_RADIUS, are visible to a
 * unit within its perception radius, and dropped stacks despawn
 * `config.itemDespawnSeconds` after they fell.
 */
export interface GroundItemPool {
  count: number;
  capacity: number;
  /** Entity id (shared id space with units and projectiles). */
  id: Uint32Array;
  /** Position, world units. */
  x: Float64Array;
  y: Float64Array;
  /** Item index. */
  item: Int16Array;
  qty: Uint16Array;
  /** Tick at which the stack disappears; -1: never (spawner stacks). */
  expireTick: Int32Array;
  /** Spawner that placed it, -1 for dropped stacks. */
  spawner: Int16Array;
  /** Stacks by position; rebuilt on demand after the pool changed (`ensureItemGrid`). */
  grid: SpatialGrid;
  gridValid: boolean;
}

/** The map's pickup spawners, resolved against the item table. */
export interface PickupSpawners {
  count: number;
  x: Float64Array;
  y: Float64Array;
  item: Int16Array;
  qty: Uint16Array;
  /** Delay between a stack being taken and the next one appearing, ticks. */
  respawnTicks: Int32Array;
  /** Tick at which the next stack appears; -1 while a stack lies there. */
  nextTick: Int32Array;
}

/**
 * Projectiles: a dense pool of their own (index `0 .. count-1`), removed by
 * swapping the last one into the hole, so the arrays stay packed and
 * nothing is allocated while the pool has room. The order is still
 * deterministic: it follows from the order of spawns and removals.
 */
export interface ProjectilePool {
  count: number;
  capacity: number;
  /** Entity id (shared id space with units and ground items). */
  id: Uint32Array;
  /** Id of the unit that fired it. */
  owner: Uint32Array;
  /** Index of the owner when it fired; valid while `world.id[ownerIndex] === owner`. */
  ownerIndex: Int32Array;
  team: Uint8Array;
  /** Position, world units. */
  x: Float64Array;
  y: Float64Array;
  /** Displacement per tick, world units. */
  stepX: Float64Array;
  stepY: Float64Array;
  /** HP before the target's armor. */
  damage: Float64Array;
  /** Ticks of flight left. */
  ticksLeft: Uint16Array;
  /** Item index of the weapon that fired it, -1 for bare hands. */
  weapon: Int16Array;
}

/** Growable candidate buffers of `collectVisible` (one per world, in `world.scratch`). */
export interface SightScratch {
  key: Float64Array;
  kind: Uint8Array;
  index: Int32Array;
}
