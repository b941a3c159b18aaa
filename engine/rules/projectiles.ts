import type { World } from '../world/world';
import { grownCopy, type NumericColumn } from '../world/typedArrays';
import type { ProjectilePool } from '../world/worldPools';
export type { ProjectilePool };

/** An empty pool with room for `capacity` projectiles (it grows on demand). */
export function createProjectilePool(capacity: number): ProjectilePool {
  const c = Math.max(16, capacity);
  return {
    count: 0,
    capacity: c,
    id: new Uint32Array(c),
    owner: new Uint32Array(c),
    ownerIndex: new Int32Array(c),
    team: new Uint8Array(c),
    x: new Float64Array(c),
    y: new Float64Array(c),
    stepX: new Float64Array(c),
    stepY: new Float64Array(c),
    damage: new Float64Array(c),
    ticksLeft: new Uint16Array(c),
    weapon: new Int16Array(c),
  };
}

/**
 * Fires a projectile from unit `i`'s centre along its aim with its current
 * stats (damage, shot speed, range). Returns the pool index. Grows the
 * pool (doubling, allocating) only when it is full.
 */
export function spawnProjectile(world: World, i: number): number {
  const pool = world.projectiles;
  if (pool.count === pool.capacity) growProjectiles(pool, pool.capacity * 2);
  const p = pool.count++;
  const { stats, combat } = world;
  const perTick = stats.shotSpeed[i] / world.tickRate;
  pool.id[p] = world.nextId++;
  pool.owner[p] = world.id[i];
  pool.ownerIndex[p] = i;
  pool.team[p] = world.team[i];
  pool.x[p] = world.x[i];
  pool.y[p] = world.y[i];
  pool.stepX[p] = combat.aimX[i] * perTick;
  pool.stepY[p] = combat.aimY[i] * perTick;
  pool.damage[p] = stats.damage[i];
  pool.ticksLeft[p] = Math.max(1, Math.ceil(stats.range[i] / perTick));
  pool.weapon[p] = world.equipment.item[i * 3];
  return p;
}

/** Removes projectile `p` by moving the last one into its place. */
export function removeProjectile(pool: ProjectilePool, p: number): void {
  const last = --pool.count;
  if (p === last) return;
  pool.id[p] = pool.id[last];
  pool.owner[p] = pool.owner[last];
  pool.ownerIndex[p] = pool.ownerIndex[last];
  pool.team[p] = pool.team[last];
  pool.x[p] = pool.x[last];
  pool.y[p] = pool.y[last];
  pool.stepX[p] = pool.stepX[last];
  pool.stepY[p] = pool.stepY[last];
  pool.damage[p] = pool.damage[last];
  pool.ticksLeft[p] = pool.ticksLeft[last];
  pool.weapon[p] = pool.weapon[last];
}

function growProjectiles(pool: ProjectilePool, capacity: number): void {
  const grow = <T extends NumericColumn>(old: T): T => grownCopy(old, capacity);
  pool.id = grow(pool.id);
  pool.owner = grow(pool.owner);
  pool.ownerIndex = grow(pool.ownerIndex);
  pool.team = grow(pool.team);
  pool.x = grow(pool.x);
  pool.y = grow(pool.y);
  pool.stepX = grow(pool.stepX);
  pool.stepY = grow(pool.stepY);
  pool.damage = grow(pool.damage);
  pool.ticksLeft = grow(pool.ticksLeft);
  pool.weapon = grow(pool.weapon);
  pool.capacity = capacity;
}
