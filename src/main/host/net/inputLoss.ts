/**
 * Packet loss on a friend's unreliable lane, measured from their input
 * packets: the client sends one packet per input seq, so the seqs missing
 * from the last WINDOW are the packets lost on the way to the host. Late
 * packets still count as arrived when they land inside the window.
 */
const WINDOW = 256;

export class InputLossMeter {
  private readonly seen = new Uint8Array(WINDOW);
  private newest = -1;
  private first = -1;

  /** Records one arrived packet by its newest seq. */
  observe(seq: number): void {
    if (this.newest < 0) {
      this.first = seq;
      this.newest = seq;
      this.seen[seq % WINDOW] = 1;
      return;
    }
    if (seq > this.newest) {
      // Slots the window slides past belong to seqs not yet heard of.
      const from = Math.max(this.newest + 1, seq - WINDOW + 1);
      for (let s = from; s < seq; s++) this.seen[s % WINDOW] = 0;
      this.newest = seq;
      this.seen[seq % WINDOW] = 1;
    } else if (seq > this.newest - WINDOW && seq >= this.first) {
      this.seen[seq % WINDOW] = 1;
    }
  }

  /** Percent of the last window's packets that never arrived; null before any. */
  lossPercent(): number | null {
    if (this.newest < 0) return null;
    const span = Math.min(WINDOW, this.newest - this.first + 1);
    let arrived = 0;
    for (let s = this.newest - span + 1; s <= this.newest; s++) arrived += this.seen[s % WINDOW];
    return Math.round(((span - arrived) / span) * 1000) / 10;
  }
}
