/**
 * Shared by the behavior benchmarks: ten-plus distinct behaviors of the
 * weight "steer to the nearest of 10 neighbours and fire when in range"
 * (each its own code, constants differ), as module source for the sandbox
 * and as a function expression for the plain-JS floor.
 */
import { fileURLToPath } from 'node:url';

export const SANDBOX_WORKER_URL = new URL(
  '../src/main/host/behaviors/sandbox/sandboxWorker.ts',
  import.meta.url,
);
export const ITEM_IDS = ['potion', 'short_bow', 'leather_armor'];
export const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The body of behavior variant `k` as a function expression. */
export function steerFunction(k: number): string {
  const side = ((k % 7) - 3) / 10;
  const reach = (0.8 + (k % 5) / 10).toFixed(2);
  return `function act(obs, memory) {
  const me = obs.self;
  const nearby = obs.nearby;
  let best = null;
  let bestD2 = Infinity;
  for (let i = 0; i < nearby.length; i++) {
    const e = nearby[i];
    if (e.team === me.team) continue;
    const dx = e.x - me.x;
    const dy = e.y - me.y;
    const d2 = dx * dx + dy * dy;
    if (d2 < bestD2) { bestD2 = d2; best = e; }
  }
  if (best === null) return { move: { x: ${k % 2 ? 1 : -1}, y: 0 } };
  const d = Math.sqrt(bestD2);
  const ux = (best.x - me.x) / d;
  const uy = (best.y - me.y) / d;
  return { move: { x: ux - uy * ${side}, y: uy + ux * ${side} }, aimAt: best.id, fire: d < me.range * ${reach} };
}`;
}

/** Behavior variant `k` as a module. */
export function steerModule(k: number): string {
  return `export default ${steerFunction(k)}\n`;
}
