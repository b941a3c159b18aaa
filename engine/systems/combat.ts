import { INTENT_FIRE } from '../world/components';
import { applyDamage } from '../rules/health';
import { removeProjectile, spawnProjectile } from '../rules/projectiles';
import { RAY_T, RAY_X0, RAY_X1, RAY_Y0, RAY_Y1, castRay } from '../space/raycast';
import { ARMOR_SCALE, PROJECTILE_RADIUS } from '../rules/rules';
import { unitIndexOf } from '../world/units';
import type { World } from '../world/world';

/**
 * Firing: counts every unit's cooldown down, turns each live unit to its
 * aim intent (when one is given) and, for units with INTENT_FIRE whose
 * cooldown is over, fires a projectile and restarts the cooldown
 * (`stats.fireTicks`). Clears INTENT_FIRE. Index order.
 */
export function fireWeapons(world: World): void {
  const { count } = world;
  const alive = world.health.alive;
  const { aimX, aimY, cooldown } = world.combat;
  const intent = world.intent;
  const fireTicks = world.stats.fireTicks;
  for (let i = 0; i < count; i++) {
    if (cooldown[i] > 0) cooldown[i]--;
    const flags = intent.flags[i];
    if (flags & INTENT_FIRE) intent.flags[i] = flags & ~INTENT_FIRE;
    if (alive[i] === 0) continue;
    const ax = intent.aimX[i];
    const ay = intent.aimY[i];
    const l2 = ax * ax + ay * ay;
    if (l2 > 1e-18 && l2 < Infinity) {
      const s = 1 / Math.sqrt(l2);
      aimX[i] = ax * s;
      aimY[i] = ay * s;
    }
    if (flags & INTENT_FIRE && cooldown[i] === 0) {
      spawnProjectile(world, i);
      cooldown[i] = fireTicks[i];
    }
  }
}

/**
 * Projectile flight: each projectile moves one tick along its path. If the
 * path crosses a live unit (not its owner; not a teammate unless friendly
 * fire is on) before any wall, the first such unit takes the projectile's
 * damage and the projectile is gone; a wall, the map edge or the end of
 * its range also removes it. Pool order, swap-remove; units are found in
 * `world.grid` (rebuilt after movement this tick). Allocates nothing.
 */
export function moveProjectiles(world: World): void {
  const pool = world.projectiles;
  const { x, y, team, id } = world;
  const { alive, hp } = world.health;
  const armor = world.stats.armor;
  const { cols, rows, cellSize, cellStart, cellItems } = world.grid;
  const inv = 1 / cellSize;
  const reach = world.agentRadius + PROJECTILE_RADIUS;
  const reach2 = reach * reach;
  const friendlyFire = world.config.friendlyFire;
  const { width, height } = world.map;
  const ray = world.scratch.ray;
  for (let p = 0; p < pool.count;) {
    const x0 = pool.x[p];
    const y0 = pool.y[p];
    const sx = pool.stepX[p];
    const sy = pool.stepY[p];
    const x1 = x0 + sx;
    const y1 = y0 + sy;
    const owner = pool.owner[p];
    const shotTeam = pool.team[p];
    // First unit on the path: solve |p0 + t·s - c| = reach for the smallest t in [0, 1].
    const lx = x0 < x1 ? x0 : x1;
    const hx = x0 < x1 ? x1 : x0;
    const ly = y0 < y1 ? y0 : y1;
    const hy = y0 < y1 ? y1 : y0;
    const c0 = clampCell((lx - reach) * inv, cols);
    const c1 = clampCell((hx + reach) * inv, cols);
    const r0 = clampCell((ly - reach) * inv, rows);
    const r1 = clampCell((hy + reach) * inv, rows);
    const a = sx * sx + sy * sy;
    let hitT = Infinity;
    let hit = -1;
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        const cell = row * cols + col;
        const end = cellStart[cell + 1];
        for (let k = cellStart[cell]; k < end; k++) {
          const j = cellItems[k];
          if (alive[j] === 0 || hp[j] <= 0 || id[j] === owner) continue;
          if (!friendlyFire && team[j] === shotTeam) continue;
          const fx = x0 - x[j];
          const fy = y0 - y[j];
          const cc = fx * fx + fy * fy - reach2;
          let t: number;
          if (cc <= 0) {
            t = 0;
          } else {
            const b = fx * sx + fy * sy;
            if (b >= 0) continue;
            const disc = b * b - a * cc;
            if (disc < 0) continue;
            t = (-b - Math.sqrt(disc)) / a;
            if (t > 1) continue;
          }
          if (t < hitT) {
            hitT = t;
            hit = j;
          }
        }
      }
    }
    ray[RAY_X0] = x0;
    ray[RAY_Y0] = y0;
    ray[RAY_X1] = x1;
    ray[RAY_Y1] = y1;
    castRay(world.walls, ray, false);
    const wallT = ray[RAY_T];
    if (hit >= 0 && hitT <= wallT) {
      const oi = pool.ownerIndex[p];
      // The owner's index moves only when units are removed; fall back to the id lookup then.
      const attacker = oi < world.count && id[oi] === owner ? oi : unitIndexOf(world, owner);
      // mitigateDamage, written out: passing the raw double to a call would box it.
      const raw = pool.damage[p];
      const taken = raw > 0 ? Math.round((raw * ARMOR_SCALE) / (ARMOR_SCALE + armor[hit])) : 0;
      applyDamage(world, hit, taken, attacker);
      removeProjectile(pool, p);
      continue;
    }
    if (wallT <= 1 || x1 < 0 || y1 < 0 || x1 > width || y1 > height || pool.ticksLeft[p] <= 1) {
      removeProjectile(pool, p);
      continue;
    }
    pool.x[p] = x1;
    pool.y[p] = y1;
    pool.ticksLeft[p]--;
    p++;
  }
}

function clampCell(v: number, n: number): number {
  if (!(v > 0)) return 0;
  const c = v | 0;
  return c >= n ? n - 1 : c;
}
