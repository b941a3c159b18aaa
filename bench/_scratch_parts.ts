import { performance } from 'node:perf_hooks';
import { createClientState, createClientView, createPacketBuffer, decodeSnapshot, encodeSnapshot, ackSnapshot, commitNetEntities } from '../engine/net/index';
import { createToyWorld } from '../engine/net/testWorld';
const world = createToyWorld(1, 1000);
const e = world.entities;
const view = createClientView(); const client = createClientState(); const out = createPacketBuffer();
let seed = 1; const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
const heading = new Float64Array(1000).map(() => rnd() * 6.28);
let tc = 0, te = 0, n = 0;
for (let t = 1; t < 6000; t++) {
  for (let k = 0; k < 100; k++) { const i = Math.floor(rnd() * 1000); heading[i] += (rnd() * 2 - 1) * 0.25; e.x[i] += Math.cos(heading[i]) * 4.5; e.y[i] += Math.sin(heading[i]) * 4.5; e.angle[i] = heading[i]; }
  const t0 = performance.now();
  commitNetEntities(e, t);
  const t1 = performance.now();
  const packets = encodeSnapshot(view, e, null, t, out);
  const t2 = performance.now();
  for (const p of packets) { const r = decodeSnapshot(client, p); if (!r.ok) throw new Error(r.reason); }
  ackSnapshot(view, client.lastTick);
  if (t > 2000) { tc += t1 - t0; te += t2 - t1; n++; }
}
console.log('commit us', (tc / n) * 1000, 'encode us', (te / n) * 1000);
