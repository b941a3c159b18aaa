import { describe, expect, it } from 'vitest';
import { createInterpolator, frameCount, newestFrameTime, pushFrame, sampleFrame } from '../index';

const outIds = new Uint32Array(16);
const outXy = new Float32Array(32);

function sample(
  interp: ReturnType<typeof createInterpolator>,
  t: number,
): Record<number, [number, number]> {
  const n = sampleFrame(interp, t, outIds, outXy);
  const result: Record<number, [number, number]> = {};
  for (let k = 0; k < n; k++) result[outIds[k]] = [outXy[2 * k], outXy[2 * k + 1]];
  return result;
}

describe('interpolation', () => {
  it('is empty at first', () => {
    const interp = createInterpolator();
    expect(newestFrameTime(interp)).toBe(-Infinity);
    expect(sampleFrame(interp, 0, outIds, outXy)).toBe(0);
  });

  it('blends linearly between the two bracketing frames', () => {
    const interp = createInterpolator();
    pushFrame(interp, 0, [1, 2], [0, 0, 100, 100]);
    pushFrame(interp, 50, [1, 2], [10, 20, 100, 200]);
    pushFrame(interp, 100, [1, 2], [30, 20, 0, 200]);
    expect(sample(interp, 25)).toEqual({ 1: [5, 10], 2: [100, 150] });
    expect(sample(interp, 50)).toEqual({ 1: [10, 20], 2: [100, 200] });
    expect(sample(interp, 75)).toEqual({ 1: [20, 20], 2: [50, 200] });
    expect(newestFrameTime(interp)).toBe(100);
  });

  it('shows an entering id at its new position and drops a leaving one', () => {
    const interp = createInterpolator();
    pushFrame(interp, 0, [1, 2], [0, 0, 50, 50]);
    pushFrame(interp, 100, [1, 3], [100, 0, 7, 8]);
    expect(sample(interp, 50)).toEqual({ 1: [50, 0], 3: [7, 8] });
  });

  it('matches ids whose order changed between frames', () => {
    const interp = createInterpolator();
    pushFrame(interp, 0, [5, 6, 7], [0, 0, 10, 10, 20, 20]);
    pushFrame(interp, 10, [7, 5, 6], [40, 40, 10, 0, 30, 10]);
    expect(sample(interp, 5)).toEqual({ 7: [30, 30], 5: [5, 0], 6: [20, 10] });
  });

  it('clamps to the newest frame past it and to the oldest before it', () => {
    const interp = createInterpolator();
    pushFrame(interp, 100, [1], [0, 0]);
    pushFrame(interp, 150, [1], [10, 0]);
    expect(sample(interp, 1000)).toEqual({ 1: [10, 0] });
    expect(sample(interp, 151)).toEqual({ 1: [10, 0] });
    expect(sample(interp, 0)).toEqual({ 1: [0, 0] });
  });

  it('slots late frames in by time and ignores duplicates', () => {
    const interp = createInterpolator();
    pushFrame(interp, 0, [1], [0, 0]);
    pushFrame(interp, 100, [1], [100, 0]);
    pushFrame(interp, 50, [1], [80, 0]); // late
    pushFrame(interp, 100, [1], [999, 999]); // duplicate
    expect(frameCount(interp)).toBe(3);
    expect(newestFrameTime(interp)).toBe(100);
    expect(sample(interp, 25)).toEqual({ 1: [40, 0] });
    expect(sample(interp, 75)).toEqual({ 1: [90, 0] });
    expect(sample(interp, 200)).toEqual({ 1: [100, 0] });
  });

  it('keeps only the newest maxFrames frames, reusing their buffers', () => {
    const interp = createInterpolator(4);
    for (let t = 0; t < 10; t++) pushFrame(interp, t * 50, [1], [t, 0]);
    expect(frameCount(interp)).toBe(4);
    expect(sample(interp, 0)).toEqual({ 1: [6, 0] }); // oldest kept is t = 300
    pushFrame(interp, 10, [1], [-1, 0]); // older than everything kept: ignored
    expect(frameCount(interp)).toBe(4);
    expect(sample(interp, 325)).toEqual({ 1: [6.5, 0] });
  });

  it('writes only what fits in small out arrays', () => {
    const interp = createInterpolator();
    pushFrame(interp, 0, [1, 2, 3], [0, 0, 1, 1, 2, 2]);
    pushFrame(interp, 10, [1, 2, 3], [0, 0, 1, 1, 2, 2]);
    expect(sampleFrame(interp, 5, new Uint32Array(2), new Float32Array(6))).toBe(2);
    expect(sampleFrame(interp, 5, new Uint32Array(3), new Float32Array(4))).toBe(2);
    expect(sampleFrame(interp, 50, new Uint32Array(3), new Float32Array(6))).toBe(3);
  });

  it('copies pushed data, so the caller may reuse its arrays', () => {
    const interp = createInterpolator();
    const ids = new Uint32Array([1]);
    const xy = new Float64Array([0, 0]);
    pushFrame(interp, 0, ids, xy);
    xy[0] = 100;
    pushFrame(interp, 10, ids, xy);
    expect(sample(interp, 5)).toEqual({ 1: [50, 0] });
  });

  it('rejects a bad time or short position data', () => {
    const interp = createInterpolator();
    expect(() => pushFrame(interp, Number.NaN, [1], [0, 0])).toThrow(RangeError);
    expect(() => pushFrame(interp, 0, [1, 2], [0, 0, 1])).toThrow(RangeError);
    expect(() => createInterpolator(1)).toThrow(RangeError);
  });
});
