import { KIND_ITEM, KIND_PROJECTILE } from '../world/components';
import type { World } from '../world/world';

/**
 * View extraction for renderers: one row per entity in preallocated typed
 * arrays, filled without allocating. Rows come in this order: units (index
 * order), projectiles, ground items.
 */

/** `team` of rows that belong to no team (ground items). */
export const NO_TEAM = 255;

/** Parallel arrays, `capacity` rows each; `collectView` fills rows `0 .. count-1`. */
export interface ViewBuffers {
  capacity: number;
  /** Rows written by the last `collectView`. */
  count: number;
  /** Entities the last `collectView` left out because the buffers were full. */
  dropped: number;
  /** Entity id (unique across kinds). */
  id: Uint32Array;
  /** KIND_AVATAR, KIND_AGENT, KIND_PROJECTILE or KIND_ITEM. */
  kind: Uint8Array;
  /** Team number; NO_TEAM for ground items. */
  team: Uint8Array;
  /** Position, world units. */
  x: Float32Array;
  y: Float32Array;
  /** Facing in radians (0 = +x, towards +y): a unit's aim, a projectile's heading, 0 for items. */
  aim: Float32Array;
  /** HP as a fraction of max HP, 0..1; 0 for projectiles and items. */
  hp: Float32Array;
  /** 1 for live units, projectiles and items; 0 for dead units waiting to respawn. */
  alive: Uint8Array;
  /** Item index: a unit's weapon, the weapon that fired a projectile, a ground item's item; -1 for none. */
  item: Int16Array;
}

/** An area of interest: only entities within `radius` world units of (x, y). */
export interface ViewArea {
  x: number;
  y: number;
  radius: number;
}

/** Empty view buffers with room for `capacity` rows (integer >= 1). */
export function createViewBuffers(capacity: number): ViewBuffers {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`view capacity must be an integer >= 1, got ${capacity}`);
  }
  return {
    capacity,
    count: 0,
    dropped: 0,
    id: new Uint32Array(capacity),
    kind: new Uint8Array(capacity),
    team: new Uint8Array(capacity),
    x: new Float32Array(capacity),
    y: new Float32Array(capacity),
    aim: new Float32Array(capacity),
    hp: new Float32Array(capacity),
    alive: new Uint8Array(capacity),
    item: new Int16Array(capacity),
  };
}

/** Rows a full view of the world needs now (units + projectiles + ground items). */
export function viewSize(world: World): number {
  return world.count + world.projectiles.count + world.groundItems.count;
}

/**
 * Fills `out` with every entity (or, with `area`, every entity within
 * it): units alive or dead, projectiles in flight and ground items. Returns
 * the number of rows written (also `out.count`); entities beyond
 * `out.capacity` are counted in `out.dropped`. Allocates nothing.
 */
export function collectView(world: World, out: ViewBuffers, area?: ViewArea): number {
  const cap = out.capacity;
  let n = 0;
  let dropped = 0;
  const ax = area ? area.x : 0;
  const ay = area ? area.y : 0;
  const r2 = area ? area.radius * area.radius : Infinity;
  const { count, x, y, id, kind, team } = world;
  const { alive, hp } = world.health;
  const maxHp = world.stats.maxHp;
  const { aimX, aimY } = world.combat;
  const weapon = world.equipment.item;
  for (let i = 0; i < count; i++) {
    if (!inArea(x[i], y[i], ax, ay, r2)) continue;
    if (n === cap) {
      dropped++;
      continue;
    }
    out.id[n] = id[i];
    out.kind[n] = kind[i];
    out.team[n] = team[i];
    out.x[n] = x[i];
    out.y[n] = y[i];
    out.aim[n] = Math.atan2(aimY[i], aimX[i]);
    out.hp[n] = alive[i] ? hp[i] / maxHp[i] : 0;
    out.alive[n] = alive[i];
    out.item[n] = weapon[i * 3];
    n++;
  }
  const p = world.projectiles;
  for (let k = 0; k < p.count; k++) {
    if (!inArea(p.x[k], p.y[k], ax, ay, r2)) continue;
    if (n === cap) {
      dropped++;
      continue;
    }
    out.id[n] = p.id[k];
    out.kind[n] = KIND_PROJECTILE;
    out.team[n] = p.team[k];
    out.x[n] = p.x[k];
    out.y[n] = p.y[k];
    out.aim[n] = Math.atan2(p.stepY[k], p.stepX[k]);
    out.hp[n] = 0;
    out.alive[n] = 1;
    out.item[n] = p.weapon[k];
    n++;
  }
  const g = world.groundItems;
  for (let k = 0; k < g.count; k++) {
    if (g.qty[k] === 0 || !inArea(g.x[k], g.y[k], ax, ay, r2)) continue;
    if (n === cap) {
      dropped++;
      continue;
    }
    out.id[n] = g.id[k];
    out.kind[n] = KIND_ITEM;
    out.team[n] = NO_TEAM;
    out.x[n] = g.x[k];
    out.y[n] = g.y[k];
    out.aim[n] = 0;
    out.hp[n] = 0;
    out.alive[n] = 1;
    out.item[n] = g.item[k];
    n++;
  }
  out.count = n;
  out.dropped = dropped;
  return n;
}

function inArea(x: number, y: number, ax: number, ay: number, r2: number): boolean {
  if (r2 === Infinity) return true;
  const dx = x - ax;
  const dy = y - ay;
  return dx * dx + dy * dy <= r2;
}
