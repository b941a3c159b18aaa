/** Small statistics for benchmark scripts (bench/_*.ts are helpers, not benchmarks). */
export function median(values: ArrayLike<number>): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile, p in 0..100. */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** One JSON line on stdout: the bench output convention. */
export function report(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(fields)}\n`);
}
