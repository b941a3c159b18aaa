/**
 * The last couple of minutes of headline figures, one point per engine
 * report (about a second), for the host dashboard's charts. Totals are
 * kept as they grow and turned into per-second rates when read.
 */
export interface SeriesSample {
  /** Epoch ms. */
  at: number;
  /** Mean tick duration over the report, ms. */
  tickMs: number;
  entities: number;
  players: number;
  /** Running totals since the host started. */
  bytesIn: number;
  bytesOut: number;
  snapshotBytes: number;
  ticks: number;
}

export interface SeriesPoint {
  at: number;
  tickMs: number;
  entities: number;
  players: number;
  ticksPerSecond: number;
  bytesInPerSecond: number;
  bytesOutPerSecond: number;
  snapshotBytesPerSecond: number;
}

export class MetricsSeries {
  private readonly samples: SeriesSample[] = [];

  constructor(private readonly capacity: number) {}

  add(sample: SeriesSample): void {
    this.samples.push(sample);
    if (this.samples.length > this.capacity) this.samples.shift();
  }

  /** Oldest first; rates are over the gap to the previous point (0 for the first). */
  points(): SeriesPoint[] {
    return this.samples.map((sample, k) => {
      const previous = this.samples[k - 1];
      const seconds = previous ? (sample.at - previous.at) / 1000 : 0;
      const rate = (key: 'bytesIn' | 'bytesOut' | 'snapshotBytes' | 'ticks') =>
        previous && seconds > 0 ? Math.round((sample[key] - previous[key]) / seconds) : 0;
      return {
        at: sample.at,
        tickMs: Math.round(sample.tickMs * 1000) / 1000,
        entities: sample.entities,
        players: sample.players,
        ticksPerSecond: rate('ticks'),
        bytesInPerSecond: rate('bytesIn'),
        bytesOutPerSecond: rate('bytesOut'),
        snapshotBytesPerSecond: rate('snapshotBytes'),
      };
    });
  }
}
