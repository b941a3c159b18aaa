import type { World } from '../world';

/**
 * Moves every live agent by its velocity over one tick:
 * `x += vx * dt`, `y += vy * dt` with dt = 1 / tickRate seconds. Nothing
 * else, which makes it the cost floor the wander benchmark compares with.
 */
export function integrateOnly(world: World): void {
  const dt = 1 / world.tickRate;
  const { count, x, y, vx, vy } = world;
  for (let i = 0; i < count; i++) {
    x[i] += vx[i] * dt;
    y[i] += vy[i] * dt;
  }
}
