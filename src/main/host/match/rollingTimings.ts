/** A fixed-size window of recent durations (ms) with a median; no allocation per push. */
export class RollingTimings {
  private readonly values: Float64Array;
  private readonly scratch: Float64Array;
  private size = 0;
  private next = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  push(ms: number): void {
    this.values[this.next] = ms;
    this.next = (this.next + 1) % this.values.length;
    if (this.size < this.values.length) this.size++;
  }

  clear(): void {
    this.size = 0;
    this.next = 0;
  }

  /** Median of the window, 0 when empty. */
  median(): number {
    if (this.size === 0) return 0;
    const sorted = this.sorted();
    const mid = this.size >> 1;
    return this.size % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** Nearest-rank percentile (p in 0..100) of the window, 0 when empty. */
  percentile(p: number): number {
    if (this.size === 0) return 0;
    const rank = Math.min(this.size - 1, Math.max(0, Math.ceil((p / 100) * this.size) - 1));
    return this.sorted()[rank];
  }

  private sorted(): Float64Array {
    const sorted = this.scratch.subarray(0, this.size);
    sorted.set(this.values.subarray(0, this.size));
    return sorted.sort();
  }
}
