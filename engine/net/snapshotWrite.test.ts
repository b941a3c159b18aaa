import { describe, expect, it } from 'vitest';
import { selectSmallest } from './snapshotWrite';

describe('selectSmallest', () => {
  it('moves the k smallest of distinct keys to the front, for every k', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (const n of [1, 2, 3, 5, 17, 64, 300]) {
      const values = new Float64Array(n);
      const used = new Set<number>();
      for (let i = 0; i < n; i++) {
        let v = next() % (n * 10);
        while (used.has(v)) v = (v + 1) % (n * 10);
        used.add(v);
        values[i] = v;
      }
      const sorted = Array.from(values).sort((a, b) => a - b);
      for (let k = 0; k <= n; k++) {
        const keys = Float64Array.from(values);
        selectSmallest(keys, n, k);
        expect(Array.from(keys.subarray(0, k)).sort((a, b) => a - b)).toEqual(sorted.slice(0, k));
        // Nothing is lost or repeated.
        expect(Array.from(keys).sort((a, b) => a - b)).toEqual(sorted);
      }
    }
  });

  it('leaves keys past n alone', () => {
    const keys = Float64Array.from([5, 3, 9, 1, 100, -1]);
    selectSmallest(keys, 4, 2);
    expect(Array.from(keys.subarray(0, 2)).sort((a, b) => a - b)).toEqual([1, 3]);
    expect(Array.from(keys.subarray(4))).toEqual([100, -1]);
  });
});
