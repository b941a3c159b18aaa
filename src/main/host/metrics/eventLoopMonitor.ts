/**
 * Watches the host thread's event loop: a light timer notes how late it
 * fires. A late timer means the loop was blocked that long (a sync write,
 * a long handler); the longest recent delay says whether the host answers.
 */
export interface EventLoopReading {
  /** Longest delay within the window, ms. */
  worstMs: number;
  /** How long ago that delay ended, ms (null when none was noted). */
  agoMs: number | null;
}

export class EventLoopMonitor {
  private timer: NodeJS.Timeout;
  private expected: number;
  /** Delays past `noteMs`: when each ended (performance.now) and how long it was. */
  private readonly delays: Array<{ at: number; ms: number }> = [];

  constructor(
    private readonly intervalMs = 100,
    private readonly noteMs = 200,
  ) {
    this.expected = performance.now() + intervalMs;
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  /** The worst delay that ended within the last `windowMs`. */
  read(windowMs: number): EventLoopReading {
    const now = performance.now();
    let worst: { at: number; ms: number } | null = null;
    for (const delay of this.delays)
      if (now - delay.at <= windowMs && (!worst || delay.ms > worst.ms)) worst = delay;
    return worst ? { worstMs: worst.ms, agoMs: now - worst.at } : { worstMs: 0, agoMs: null };
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const now = performance.now();
    const late = now - this.expected;
    this.expected = now + this.intervalMs;
    if (late < this.noteMs) return;
    this.delays.push({ at: now, ms: Math.round(late) });
    // A minute of history is plenty for any probe window.
    while (this.delays.length && now - this.delays[0].at > 60_000) this.delays.shift();
  }
}
