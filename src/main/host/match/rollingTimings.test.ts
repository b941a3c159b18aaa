import { describe, expect, it } from 'vitest';
import { RollingTimings } from './rollingTimings';

describe('RollingTimings', () => {
  it('gives the median and p99 of the most recent window only', () => {
    const timings = new RollingTimings(100);
    for (let i = 0; i < 100; i++) timings.push(1000); // pushed out below
    for (let i = 1; i <= 100; i++) timings.push(i);
    expect(timings.median()).toBe(50.5);
    expect(timings.percentile(99)).toBe(99);
    expect(timings.percentile(100)).toBe(100);
  });
  it('is 0 when empty', () => {
    const timings = new RollingTimings(4);
    expect(timings.median()).toBe(0);
    expect(timings.percentile(99)).toBe(0);
  });
});
