import { performance } from 'node:perf_hooks';
const N = 1000, F = 8;
const x = new Float64Array(N).map(() => Math.random() * 1600);
const y = new Float64Array(N).map(() => Math.random() * 1000);
const a = new Float64Array(N).map(() => Math.random() * 6);
const hp = new Float32Array(N).fill(1);
const kind = new Uint8Array(N), team = new Uint8Array(N), flags = new Uint8Array(N);
const item = new Int16Array(N);
const q = new Int32Array(N * F);
function qf(src: Float64Array | Float32Array, f: number, scale: number, min: number, max: number) {
  for (let i = 0, k = f; i < N; i++, k += F) { const v = Math.round(src[i] * scale); q[k] = v < min ? min : v > max ? max : v === v ? v : 0; }
}
function qw(src: Float64Array, f: number, scale: number, mask: number) {
  for (let i = 0, k = f; i < N; i++, k += F) { const v = Math.round(src[i] * scale); q[k] = v === v ? v & mask : 0; }
}
function qi(src: Uint8Array | Int16Array, f: number) {
  for (let i = 0, k = f; i < N; i++, k += F) q[k] = src[i];
}
function all() {
  qi(kind, 0); qi(team, 1); qf(x, 2, 16, -131072, 131071); qf(y, 3, 16, -131072, 131071); qw(a, 4, 1024 / 6.283, 1023); qf(hp, 5, 255, 0, 255); qi(item, 6); qi(flags, 7);
}
// row-wise variant
function rowwise() {
  for (let i = 0, k = 0; i < N; i++, k += F) {
    q[k] = kind[i]; q[k + 1] = team[i];
    let v = Math.round(x[i] * 16); q[k + 2] = v < -131072 ? -131072 : v > 131071 ? 131071 : v === v ? v : 0;
    v = Math.round(y[i] * 16); q[k + 3] = v < -131072 ? -131072 : v > 131071 ? 131071 : v === v ? v : 0;
    v = Math.round(a[i] * 163); q[k + 4] = v === v ? v & 1023 : 0;
    v = Math.round(hp[i] * 255); q[k + 5] = v < 0 ? 0 : v > 255 ? 255 : v === v ? v : 0;
    q[k + 6] = item[i]; q[k + 7] = flags[i];
  }
}
for (const [name, fn] of [['col', all], ['row', rowwise], ['col', all], ['row', rowwise]] as const) {
  for (let i = 0; i < 2000; i++) fn();
  const t0 = performance.now(); for (let i = 0; i < 10000; i++) fn(); console.log(name, ((performance.now() - t0) / 10000) * 1000, 'us');
}
