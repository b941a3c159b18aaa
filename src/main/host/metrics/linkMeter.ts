/**
 * Friends' links as the metrics see them: how many are open per transport
 * and the bytes each carried. Transports count their own bytes; this reads
 * them when metrics are collected (not per packet) and turns them into
 * monotonic totals, keeping what a link carried after it closes.
 */
import type { LinkStats, PlayerLink } from '../net/playerLink';

export type Transport = PlayerLink['transport'];

interface Tracked {
  transport: Transport;
  sent: number;
  received: number;
}

/** Byte counts a link reports, read safely (a closing peer may throw). */
function statsOf(link: Pick<PlayerLink, 'stats'>): LinkStats | null {
  try {
    return link.stats();
  } catch {
    return null;
  }
}

export class LinkMeter {
  private readonly open = new Map<Pick<PlayerLink, 'stats'>, Tracked>();

  constructor(
    /** Receives byte deltas as links report them. */
    private readonly onBytes: (transport: Transport, sent: number, received: number) => void,
  ) {}

  /** Starts counting a link; it is dropped from the open count once it closes. */
  track(link: Pick<PlayerLink, 'stats' | 'onClose' | 'transport'>): void {
    if (this.open.has(link)) return;
    this.open.set(link, { transport: link.transport, sent: 0, received: 0 });
    // Transports call close listeners before they tear the peer down, so the last counts are readable.
    link.onClose(() => {
      this.read(link);
      this.open.delete(link);
    });
  }

  /** Links open now, per transport. */
  openCounts(): Record<Transport, number> {
    const counts: Record<Transport, number> = { webrtc: 0, websocket: 0, local: 0 };
    for (const tracked of this.open.values()) counts[tracked.transport]++;
    return counts;
  }

  /** Reads every open link's byte counts and reports what is new since the last read. */
  readAll(): void {
    for (const link of this.open.keys()) this.read(link);
  }

  private read(link: Pick<PlayerLink, 'stats'>): void {
    const tracked = this.open.get(link);
    const stats = tracked && statsOf(link);
    if (!tracked || !stats) return;
    const sent = Math.max(0, stats.bytesSent - tracked.sent);
    const received = Math.max(0, stats.bytesReceived - tracked.received);
    tracked.sent = Math.max(tracked.sent, stats.bytesSent);
    tracked.received = Math.max(tracked.received, stats.bytesReceived);
    if (sent || received) this.onBytes(tracked.transport, sent, received);
  }
}
