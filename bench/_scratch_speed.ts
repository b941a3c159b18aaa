import { performance } from 'node:perf_hooks';
import { createClientState, createClientView, createPacketBuffer, decodeSnapshot, encodeSnapshot, ackSnapshot, commitNetEntities } from '../engine/net/index';
import { createToyWorld } from '../engine/net/testWorld';
const world = createToyWorld(1, 1000);
const e = world.entities;
const view = createClientView(); const client = createClientState(); const out = createPacketBuffer();
let seed = 1; const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
const heading = new Float64Array(1000).map(() => rnd() * 6.28);
const times: number[] = []; const bytes: number[] = [];
for (let t = 1; t < 4000; t++) {
  const chosen = new Set<number>(); while (chosen.size < 100) chosen.add(Math.floor(rnd() * 1000));
  const t0 = performance.now();
  for (const i of chosen) { heading[i] += (rnd() * 2 - 1) * 0.25; e.x[i] += Math.cos(heading[i]) * 4.5; e.y[i] += Math.sin(heading[i]) * 4.5; e.angle[i] = heading[i]; }
  commitNetEntities(e, t);
  const packets = encodeSnapshot(view, e, null, t, out);
  const dt = performance.now() - t0;
  let b = 0; for (const p of packets) { b += p.length; const r = decodeSnapshot(client, p); if (!r.ok) throw new Error(r.reason); }
  ackSnapshot(view, client.lastTick);
  if (t > 1000) { times.push(dt); bytes.push(b); }
}
times.sort((a, b) => a - b); bytes.sort((a, b) => a - b);
console.log('median us', times[times.length >> 1] * 1000, 'bytes', bytes[bytes.length >> 1]);
