/**
 * Per-author CPU accounting, Screeps-style: every tick an author earns
 * `tickBudgetMs`; what it does not spend is saved in a bucket up to
 * `bucketMaxMs`, so a behavior may think hard on some ticks as long as it
 * is cheap on average. One batch may spend at most what the bucket holds,
 * capped at `batchLimitMs` so a single author never holds the sandbox for
 * long. An empty bucket means the author's agents skip ticks until it
 * refills. Pure bookkeeping: the caller measures time.
 */

/** Budget settings, milliseconds. */
export interface CpuBudget {
  /** Earned per tick per author. */
  tickBudgetMs: number;
  /** Bucket capacity; a new author starts full. */
  bucketMaxMs: number;
  /** Most one batch may run before the interrupt stops it. */
  batchLimitMs: number;
}

/**
 * Defaults: 10 ms per tick, 500 ms of savings, 40 ms per batch at most —
 * enough for one behavior driving 1,000 agents at 20 Hz on a slow machine
 * (measured about 25 ms there), while a loop is cut within a tick.
 */
export const DEFAULT_CPU_BUDGET: CpuBudget = {
  tickBudgetMs: 10,
  bucketMaxMs: 500,
  batchLimitMs: 40,
};

/** One author's bucket. */
export interface CpuBucket {
  /** Milliseconds available now. */
  level: number;
}

/** A full bucket. */
export function createCpuBucket(budget: CpuBudget): CpuBucket {
  return { level: budget.bucketMaxMs };
}

/** Books the start of a tick: the author earns `tickBudgetMs`, up to `bucketMaxMs`. Once per tick. */
export function earn(bucket: CpuBucket, budget: CpuBudget): void {
  bucket.level = Math.min(budget.bucketMaxMs, bucket.level + budget.tickBudgetMs);
}

/**
 * Milliseconds the author may run now, or 0 when the bucket is empty (its
 * agents sit this tick out). A batch that overran leaves the bucket
 * negative, which costs the following ticks.
 */
export function allowance(bucket: CpuBucket, budget: CpuBudget): number {
  if (bucket.level <= 0) return 0;
  return Math.min(bucket.level, budget.batchLimitMs);
}

/** Books `usedMs` of running. */
export function charge(bucket: CpuBucket, usedMs: number): void {
  bucket.level -= usedMs;
}
