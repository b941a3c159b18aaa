import { performance } from 'node:perf_hooks';
import { createToyWorld } from '../engine/net/testWorld';
import { FIELDS, FIELD_COUNT, fieldMin, fieldMax } from '../engine/net/spec';
const world = createToyWorld(1, 1000);
const e = world.entities as any;
const q = new Int32Array(8000);
const count = 1000;
function copyColumn(src: Uint8Array | Int16Array, f: number, q: Int32Array, count: number): void {
  for (let i = 0, k = f; i < count; i++, k += FIELD_COUNT) q[k] = src[i];
}
function wrapColumn(src: Float64Array, f: number, q: Int32Array, count: number, scale: number, mask: number): void {
  for (let i = 0, k = f; i < count; i++, k += FIELD_COUNT) { const v = Math.round(src[i] * scale); q[k] = v === v ? v & mask : 0; }
}
function clampColumn(src: Float64Array | Float32Array, f: number, q: Int32Array, count: number, scale: number, min: number, max: number): void {
  for (let i = 0, k = f; i < count; i++, k += FIELD_COUNT) { const v = Math.round(src[i] * scale); q[k] = v < min ? min : v > max ? max : v === v ? v : 0; }
}
const F8 = 8;
function clampColumnLocal(src: Float64Array | Float32Array, f: number, q: Int32Array, count: number, scale: number, min: number, max: number): void {
  for (let i = 0, k = f; i < count; i++, k += F8) { const v = Math.round(src[i] * scale); q[k] = v < min ? min : v > max ? max : v === v ? v : 0; }
}
function v1() {
  copyColumn(e.kind, 0, q, count); copyColumn(e.team, 1, q, count);
  clampColumn(e.x, 2, q, count, 16, -131072, 131071); clampColumn(e.y, 3, q, count, 16, -131072, 131071);
  wrapColumn(e.angle, 4, q, count, 163, 1023); clampColumn(e.hp, 5, q, count, 255, 0, 255);
  copyColumn(e.item, 6, q, count); copyColumn(e.flags, 7, q, count);
}
function v2() {
  clampColumnLocal(e.x, 2, q, count, 16, -131072, 131071); clampColumnLocal(e.y, 3, q, count, 16, -131072, 131071); clampColumnLocal(e.hp, 5, q, count, 255, 0, 255);
}
function v3() {
  clampColumn(e.x, 2, q, count, 16, -131072, 131071); clampColumn(e.y, 3, q, count, 16, -131072, 131071); clampColumn(e.hp, 5, q, count, 255, 0, 255);
}
for (const [name, fn] of [['v1', v1], ['v2-local-F', v2], ['v3-import-F', v3]] as const) {
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now(); for (let i = 1; i < 20000; i++) fn(); console.log(name, ((performance.now() - t0) / 20000) * 1000, 'us');
  }
}
