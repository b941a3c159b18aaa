/**
 * A token bucket per peer: `ratePerSecond` messages a second on average,
 * bursts up to `burst`. A peer that keeps flooding past `strikes` refusals
 * is to be dropped.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private refused = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly strikes: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** 'ok' to handle the message, 'drop' to ignore it, 'disconnect' when the peer keeps flooding. */
  take(): 'ok' | 'drop' | 'disconnect' {
    const now = this.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) * this.ratePerSecond) / 1000,
    );
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'ok';
    }
    this.refused++;
    return this.refused > this.strikes ? 'disconnect' : 'drop';
  }
}
