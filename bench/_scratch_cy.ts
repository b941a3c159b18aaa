import { performance } from 'node:perf_hooks';
import { schema, t, Encoder } from '@colyseus/schema';
Encoder.BUFFER_SIZE = 128 * 1024;
const Ent = schema({ kind: t.uint8(), team: t.uint8(), x: t.float32(), y: t.float32(), angle: t.float32(), hp: t.uint8(), item: t.int16(), flags: t.uint8() }, 'Ent');
const St = schema({ entities: t.map(Ent) }, 'St');
const s = new St();
const ents: InstanceType<typeof Ent>[] = [];
for (let i = 0; i < 1000; i++) { const e = new Ent(); e.x = Math.random()*1600; e.y = Math.random()*1000; e.angle = 1.5; e.kind = 1; s.entities.set(String(i+1), e); ents.push(e); }
const enc = new Encoder(s);
enc.encodeAll(); enc.discardChanges();
let tt = 0, n = 0, bytes = 0;
for (let tick = 0; tick < 6000; tick++) {
  const idx: number[] = []; for (let k = 0; k < 100; k++) idx.push(Math.floor(Math.random() * 1000));
  const t0 = performance.now();
  for (const i of idx) { const e = ents[i]; e.x += 3.1; e.y += 1.7; e.angle += 0.1; }
  const p = enc.encode(); enc.discardChanges();
  const dt = performance.now() - t0;
  if (tick > 2000) { tt += dt; n++; bytes += p.length; }
}
console.log('colyseus us', (tt / n) * 1000, 'bytes', bytes / n);
