import type { World } from '../world/world';

/**
 * Moves every unit by its velocity over one tick:
 * `x += vx * dt`, `y += vy * dt` with dt = 1 / tickRate seconds. Nothing
 * else, which makes it the cost floor the benchmarks compare with.
 */
export function integrateOnly(world: World): void {
  const dt = 1 / world.tickRate;
  const { count, x, y, vx, vy } = world;
  for (let i = 0; i < count; i++) {
    x[i] += vx[i] * dt;
    y[i] += vy[i] * dt;
  }
}

/**
 * Movement intents to motion: each live unit's velocity becomes its move
 * intent (normalised when longer than 1; zero when not finite) times its
 * speed stat, and it moves by that velocity over one tick. Dead units
 * stand still. Collision is the caller's next step (walls, separation).
 */
export function moveUnits(world: World): void {
  const dt = 1 / world.tickRate;
  const { count, x, y, vx, vy } = world;
  const { moveX, moveY } = world.intent;
  const alive = world.health.alive;
  const speed = world.stats.speed;
  for (let i = 0; i < count; i++) {
    if (alive[i] === 0) {
      vx[i] = 0;
      vy[i] = 0;
      continue;
    }
    let mx = moveX[i];
    let my = moveY[i];
    const l2 = mx * mx + my * my;
    if (!(l2 <= 1)) {
      // Longer than 1: normalise; NaN or infinite (a bad external intent): stand still.
      if (l2 > 1 && l2 < Infinity) {
        const s = 1 / Math.sqrt(l2);
        mx *= s;
        my *= s;
      } else {
        mx = 0;
        my = 0;
      }
    }
    const v = speed[i];
    const nvx = mx * v;
    const nvy = my * v;
    vx[i] = nvx;
    vy[i] = nvy;
    x[i] += nvx * dt;
    y[i] += nvy * dt;
  }
}
