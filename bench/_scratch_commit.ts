import { performance } from 'node:perf_hooks';
import { commitNetEntities } from '../engine/net/index';
import { createToyWorld } from '../engine/net/testWorld';
const world = createToyWorld(1, 1000);
const e = world.entities;
const copy = new Float64Array(1000);
const q = new Int32Array(8000);
function base() { for (let i = 0, k = 2; i < 1000; i++, k += 8) { q[k] = Math.round(e.x[i] * 16); } }
function memcpy() { copy.set(e.x); }
for (const [name, fn] of [['commit', (t: number) => commitNetEntities(e, t)], ['oneColRound', base], ['memcpy8k', memcpy]] as const) {
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now(); for (let i = 1; i < 20000; i++) fn(i); console.log(name, ((performance.now() - t0) / 20000) * 1000, 'us');
  }
}
