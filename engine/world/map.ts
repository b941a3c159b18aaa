/**
 * Map geometry as the engine sees it. Structurally identical to the zod
 * `mapSchema` in src/shared/hostApi.ts, which validates maps before they
 * reach the engine; the engine itself only reads these plain objects.
 *
 * All coordinates are world units with the origin at the top-left corner,
 * x growing right and y growing down.
 */

/** An axis-aligned solid rectangle; (x, y) is its top-left corner, w and h are positive. */
export interface WallRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The rectangle where agents of `team` appear; (x, y) is its top-left corner. */
export interface SpawnZone {
  team: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * A pickup spawner: keeps one stack of `item` (an items.json id) lying at
 * (x, y); once it is taken, a new one appears `respawnSeconds` later
 * (default 20 s). `qty` defaults to 1. Spawned stacks never expire.
 */
export interface PickupSpawner {
  x: number;
  y: number;
  item: string;
  qty?: number;
  respawnSeconds?: number;
}

/**
 * A playable map: bounds `[0, width] × [0, height]`, static walls, at least
 * one spawn zone and optional pickup spawners.
 */
export interface MapDef {
  name: string;
  width: number;
  height: number;
  walls: WallRect[];
  spawns: SpawnZone[];
  pickups?: PickupSpawner[];
}
