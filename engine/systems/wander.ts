import { nextInt, nextRange } from '../rng';
import type { World } from '../world';

/** Shortest and longest time between heading changes, seconds. */
export const WANDER_MIN_SECONDS = 1;
export const WANDER_MAX_SECONDS = 3;

/**
 * Wander steering: counts each agent's `wanderTicks` down and, when it runs
 * out, picks a new heading (uniform angle) and a new wait of 1–3 s in ticks
 * from `world.rng`, in index order. Then sets the velocity to
 * `agentSpeed` along the heading, undoing last tick's wall slide.
 */
export function wander(world: World): void {
  const { count, heading, wanderTicks, vx, vy, rng } = world;
  const speed = world.agentSpeed;
  const minTicks = Math.max(1, Math.round(WANDER_MIN_SECONDS * world.tickRate));
  const maxTicks = Math.max(minTicks, Math.round(WANDER_MAX_SECONDS * world.tickRate));
  for (let i = 0; i < count; i++) {
    const t = wanderTicks[i];
    if (t <= 1) {
      heading[i] = nextRange(rng, -Math.PI, Math.PI);
      wanderTicks[i] = nextInt(rng, minTicks, maxTicks);
    } else {
      wanderTicks[i] = t - 1;
    }
    const h = heading[i];
    vx[i] = Math.cos(h) * speed;
    vy[i] = Math.sin(h) * speed;
  }
}
