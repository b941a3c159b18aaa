import { describe, expect, it } from 'vitest';
import { cloneRng, createRng, nextFloat, nextInt, nextRange, nextUint32 } from '../index';

const draw = (seed: number, n: number): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => nextUint32(rng));
};

describe('rng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000));
  });

  it('gives different sequences for nearby seeds', () => {
    const a = draw(1, 100);
    const b = draw(2, 100);
    expect(a.filter((v, i) => v === b[i]).length).toBe(0);
  });

  it('pins the sequence so a change of generator is noticed', () => {
    // sfc32 seeded through splitmix32; recorded replays depend on exactly this.
    expect(draw(12345, 3)).toEqual([2345461488, 1344865159, 2974739204]);
  });

  it('keeps floats in [0, 1) and roughly uniform', () => {
    const rng = createRng(7);
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const f = nextFloat(rng);
      if (!(f >= 0 && f < 1)) outside++;
      else buckets[Math.floor(f * 10)]++;
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(600);
  });

  it('keeps ranges in [min, max) and integers in [min, max] inclusive', () => {
    const rng = createRng(99);
    const seen = new Set<number>();
    let bad = 0;
    for (let i = 0; i < 10_000; i++) {
      const r = nextRange(rng, -3, 5);
      if (!(r >= -3 && r < 5)) bad++;
      const k = nextInt(rng, 2, 6);
      if (!(Number.isInteger(k) && k >= 2 && k <= 6)) bad++;
      seen.add(k);
    }
    expect(bad).toBe(0);
    expect([...seen].sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it('keeps its state in a copyable Uint32Array', () => {
    const rng = createRng(5);
    nextUint32(rng);
    const copy = cloneRng(rng);
    expect(copy.state).toBeInstanceOf(Uint32Array);
    expect(copy.state).not.toBe(rng.state);
    const a = [nextUint32(rng), nextUint32(rng)];
    const b = [nextUint32(copy), nextUint32(copy)];
    expect(b).toEqual(a);
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
  });
});
