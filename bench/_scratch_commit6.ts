import { performance } from 'node:perf_hooks';
import { createNetEntities, commitNetEntities } from '../engine/net/index';
import type { NetEntities } from '../engine/net/netEntities';
const e = createNetEntities(2000); e.count = 1000;
for (let i = 0; i < 1000; i++) { e.id[i] = i + 1; e.x[i] = Math.random() * 1000; }
commitNetEntities(e, 1);
function rowChanged(e: NetEntities, i: number): boolean {
  const r = e.wire.raw;
  return e.x[i] !== r.x[i] || e.y[i] !== r.y[i] || e.angle[i] !== r.angle[i] || e.hp[i] !== r.hp[i] || e.kind[i] !== r.kind[i] || e.team[i] !== r.team[i] || e.item[i] !== r.item[i] || e.flags[i] !== r.flags[i];
}
function scan(e: NetEntities): number { let c = 0; for (let i = 0; i < e.count; i++) if (rowChanged(e, i)) c++; return c; }
function scanLocal(e: NetEntities): number {
  const { x, y, angle, hp, kind, team, item, flags } = e; const r = e.wire.raw;
  const rx = r.x, ry = r.y, ra = r.angle, rh = r.hp, rk = r.kind, rt = r.team, ri = r.item, rf = r.flags;
  let c = 0; for (let i = 0; i < e.count; i++) if (x[i] !== rx[i] || y[i] !== ry[i] || angle[i] !== ra[i] || hp[i] !== rh[i] || kind[i] !== rk[i] || team[i] !== rt[i] || item[i] !== ri[i] || flags[i] !== rf[i]) c++; return c;
}
for (let r = 0; r < 3; r++) {
  let t0 = performance.now(); let c = 0; for (let t = 0; t < 20000; t++) c += scan(e); const a = performance.now() - t0;
  t0 = performance.now(); for (let t = 0; t < 20000; t++) c += scanLocal(e); const b = performance.now() - t0;
  t0 = performance.now(); for (let t = 2 + r * 20000; t < 20002 + r * 20000; t++) commitNetEntities(e, t); const d = performance.now() - t0;
  console.log('scan', a / 20, 'local', b / 20, 'commit', d / 20, c);
}
