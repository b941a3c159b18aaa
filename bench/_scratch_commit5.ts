import { performance } from 'node:perf_hooks';
import { commitNetEntities } from '../engine/net/index';
import { createToyWorld } from '../engine/net/testWorld';
const world = createToyWorld(1, 1000);
const e = world.entities;
let seed = 1; const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
for (let r = 0; r < 4; r++) {
  let tot = 0;
  for (let t = 1 + r * 10000; t < 10000 * (r + 1); t++) {
    for (let k = 0; k < 100; k++) { const i = Math.floor(rnd() * 1000); e.x[i] += 1; e.y[i] += 1; e.angle[i] += 0.1; }
    const t0 = performance.now(); commitNetEntities(e, t); tot += performance.now() - t0;
  }
  console.log('commit', (tot / 10000) * 1000, 'us');
}
