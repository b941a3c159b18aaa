import { describe, expect, it } from 'vitest';
import { allowance, charge, createCpuBucket, earn } from './cpuBucket';

const budget = { tickBudgetMs: 5, bucketMaxMs: 50, batchLimitMs: 20 };

describe('CPU bucket', () => {
  it('caps one batch, saves what is unused, and skips ticks once overdrawn', () => {
    const bucket = createCpuBucket(budget);
    expect(allowance(bucket, budget)).toBe(20); // full bucket, capped per batch
    charge(bucket, 45); // an overrun the interrupt could not cut in time
    earn(bucket, budget);
    expect(bucket.level).toBe(10);
    charge(bucket, 30);
    expect(allowance(bucket, budget)).toBe(0); // overdrawn: sit out
    earn(bucket, budget);
    earn(bucket, budget);
    earn(bucket, budget);
    expect(bucket.level).toBe(-5);
    for (let i = 0; i < 20; i++) earn(bucket, budget);
    expect(bucket.level).toBe(50); // refills to the cap, no further
  });
});
