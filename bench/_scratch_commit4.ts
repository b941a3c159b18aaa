import { performance } from 'node:perf_hooks';
const N = 1000, F = 8;
const x = new Float64Array(N).map(() => Math.random() * 1600);
const hp = new Float32Array(N).fill(1);
const q = new Int32Array(N * F);
function a(src: Float64Array, f: number, scale: number, min: number, max: number) {
  for (let i = 0, k = f; i < N; i++, k += F) { const v = Math.round(src[i] * scale); q[k] = v < min ? min : v > max ? max : v === v ? v : 0; }
}
function b(src: Float64Array, f: number, scale: number, min: number, max: number) {
  for (let i = 0, k = f; i < N; i++, k += F) { let v = src[i] * scale; v = v < min ? min : v > max ? max : v; q[k] = Math.round(v); }
}
function c(src: Float64Array, f: number, scale: number, min: number, max: number) {
  for (let i = 0, k = f; i < N; i++, k += F) { let v = Math.round(src[i] * scale) | 0; v = v < min ? min : v > max ? max : v; q[k] = v; }
}
function d(src: Float64Array, f: number, scale: number, min: number, max: number) {
  for (let i = 0, k = f; i < N; i++, k += F) { const v = Math.floor(src[i] * scale + 0.5); q[k] = v >= min ? (v <= max ? v : max) : (v < min ? min : 0); }
}
function e(src: Float64Array, f: number, scale: number, min: number, max: number) {
  for (let i = 0, k = f; i < N; i++, k += F) { q[k] = Math.min(max, Math.max(min, Math.round(src[i] * scale))); }
}
for (const [name, fn] of [['a', a], ['b', b], ['c', c], ['d', d], ['e', e]] as const) {
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now(); for (let i = 1; i < 20000; i++) { fn(x, 2, 16, -131072, 131071); } console.log(name, ((performance.now() - t0) / 20000) * 1000, 'us');
  }
}
