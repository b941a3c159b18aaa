import { performance } from 'node:perf_hooks';
const N = 1000;
const src = new Float64Array(N).map(() => Math.random());
const raw = Float64Array.from(src);
const q = new Int32Array(N * 8);
const ct = new Float64Array(N);
function diff(src: Float64Array, raw: Float64Array, f: number, q: Int32Array, count: number, same: number, ct: Float64Array, tick: number) {
  for (let i = 0, k = f; i < count; i++, k += 8) {
    const v = src[i];
    if (i < same && v === raw[i]) continue;
    raw[i] = v; q[k] = Math.round(v * 16); ct[i] = tick;
  }
}
function diff2(src: Float64Array, raw: Float64Array, count: number): number {
  let c = 0;
  for (let i = 0; i < count; i++) if (src[i] !== raw[i]) c++;
  return c;
}
for (let r = 0; r < 4; r++) {
  let t0 = performance.now(); for (let t = 0; t < 20000; t++) diff(src, raw, 2, q, N, N, ct, t); const a = performance.now() - t0;
  t0 = performance.now(); let c = 0; for (let t = 0; t < 20000; t++) c += diff2(src, raw, N); const b = performance.now() - t0;
  console.log('diff us', (a / 20000) * 1000, 'diff2 us', (b / 20000) * 1000, c);
}
