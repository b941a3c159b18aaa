import { performance } from 'node:perf_hooks';
const N = 1000;
const x = new Float64Array(N).map(() => Math.random()), y = Float64Array.from(x), a = Float64Array.from(x);
const hp = new Float32Array(N).fill(1); const kind = new Uint8Array(N), team = new Uint8Array(N), flags = new Uint8Array(N); const item = new Int16Array(N);
const rx = Float64Array.from(x), ry = Float64Array.from(y), ra = Float64Array.from(a), rhp = Float64Array.from(hp), rk = new Float64Array(N), rt = new Float64Array(N), rf = new Float64Array(N), ri = new Float64Array(N);
function cols(): number {
  let c = 0;
  for (const [s, r] of [[x, rx], [y, ry], [a, ra]] as const) for (let i = 0; i < N; i++) if (s[i] !== r[i]) c++;
  for (let i = 0; i < N; i++) if (hp[i] !== rhp[i]) c++;
  for (const [s, r] of [[kind, rk], [team, rt], [flags, rf]] as const) for (let i = 0; i < N; i++) if (s[i] !== r[i]) c++;
  for (let i = 0; i < N; i++) if (item[i] !== ri[i]) c++;
  return c;
}
function rows(): number {
  let c = 0;
  for (let i = 0; i < N; i++) {
    if (x[i] !== rx[i] || y[i] !== ry[i] || a[i] !== ra[i] || hp[i] !== rhp[i] || kind[i] !== rk[i] || team[i] !== rt[i] || flags[i] !== rf[i] || item[i] !== ri[i]) c++;
  }
  return c;
}
// keep raw in same typed array type as source, packed compare via Uint32 views for small ints
const rk8 = new Uint8Array(N), rt8 = new Uint8Array(N), rf8 = new Uint8Array(N), ri16 = new Int16Array(N), rhp32 = Float32Array.from(hp);
const k32 = new Uint32Array(kind.buffer), t32 = new Uint32Array(team.buffer), f32 = new Uint32Array(flags.buffer), i32 = new Uint32Array(item.buffer), hp32 = new Uint32Array(hp.buffer);
const rk32 = new Uint32Array(rk8.buffer), rt32 = new Uint32Array(rt8.buffer), rf32 = new Uint32Array(rf8.buffer), ri32 = new Uint32Array(ri16.buffer), rhp32u = new Uint32Array(rhp32.buffer);
function packed(): number {
  let c = 0;
  for (let i = 0; i < N; i++) if (x[i] !== rx[i] || y[i] !== ry[i] || a[i] !== ra[i] || hp32[i] !== rhp32u[i]) c++;
  for (let w = 0; w < N / 4; w++) if (k32[w] !== rk32[w] || t32[w] !== rt32[w] || f32[w] !== rf32[w]) c++;
  for (let w = 0; w < N / 2; w++) if (i32[w] !== ri32[w]) c++;
  return c;
}
for (let r = 0; r < 3; r++) for (const [n, fn] of [['cols', cols], ['rows', rows], ['packed', packed]] as const) {
  const t0 = performance.now(); let c = 0; for (let t = 0; t < 20000; t++) c += fn(); console.log(n, ((performance.now() - t0) / 20000) * 1000, 'us', c);
}
