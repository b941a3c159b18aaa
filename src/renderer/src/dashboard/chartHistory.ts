/**
 * The dashboard's chart data: one point per poll of the host's metrics
 * (about every two seconds), kept for the last few minutes. Counters
 * (sandbox CPU, snapshot packets) become per-second rates between two
 * polls; the first poll has no rate yet (null, drawn as a gap).
 */
import type { MetricsSnapshot } from '../../../shared/metricsApi';
import type { Stats } from '../../../shared/hostApi';

/** How many points a chart keeps: five minutes at one poll every two seconds. */
export const HISTORY_POINTS = 150;

export interface ChartPoint {
  /** Epoch seconds (uPlot's x unit). */
  at: number;
  /** Median and 99th percentile of one tick, ms (from the `stats` event). */
  tickMedianMs: number | null;
  tickP99Ms: number | null;
  bytesInPerSecond: number | null;
  bytesOutPerSecond: number | null;
  snapshotsPerSecond: number | null;
  /** Sandbox CPU per author, ms of CPU per second of wall time. */
  cpuMsPerSecond: Record<string, number>;
  /** Sandbox memory per author, MiB. */
  memoryMb: Record<string, number>;
}

export interface ChartHistory {
  points: ChartPoint[];
  /** Counter values at the previous poll, to turn into rates. */
  last: { at: number; snapshots: number; cpuSeconds: Record<string, number> } | null;
}

export const emptyHistory = (): ChartHistory => ({ points: [], last: null });

/** Sum of a metric's values whose labels match (all of them when none are given). */
function valueOf(snapshot: MetricsSnapshot, name: string): number | null {
  const metric = snapshot.metrics.find((m) => m.name === name);
  if (!metric) return null;
  return metric.values.reduce((sum, value) => sum + value.value, 0);
}

function byAuthor(snapshot: MetricsSnapshot, name: string): Record<string, number> {
  const metric = snapshot.metrics.find((m) => m.name === name);
  const out: Record<string, number> = {};
  for (const value of metric?.values ?? []) {
    const author = value.labels.author;
    if (author !== undefined) out[String(author)] = (out[String(author)] ?? 0) + value.value;
  }
  return out;
}

/** `history` with one more point from `snapshot` and the latest `stats`; the oldest dropped past the cap. */
export function addPoint(
  history: ChartHistory,
  snapshot: MetricsSnapshot,
  stats: Stats | null,
): ChartHistory {
  const at = snapshot.at / 1000;
  const snapshots = valueOf(snapshot, 'arbiter_snapshot_packets_total') ?? 0;
  const cpuSeconds = byAuthor(snapshot, 'arbiter_sandbox_cpu_seconds_total');
  const last = history.last;
  const seconds = last ? at - last.at : 0;
  const rate = (now: number, before: number | undefined) =>
    before !== undefined && seconds > 0 ? Math.max(0, (now - before) / seconds) : null;
  const cpuMsPerSecond: Record<string, number> = {};
  for (const [author, total] of Object.entries(cpuSeconds)) {
    const perSecond = rate(total, last?.cpuSeconds[author]);
    if (perSecond !== null) cpuMsPerSecond[author] = round(perSecond * 1000);
  }
  const memoryMb: Record<string, number> = {};
  for (const [author, bytes] of Object.entries(byAuthor(snapshot, 'arbiter_sandbox_memory_bytes')))
    memoryMb[author] = round(bytes / (1024 * 1024));
  const series = snapshot.series.at(-1);
  const point: ChartPoint = {
    at,
    tickMedianMs: stats ? stats.msPerTick : null,
    tickP99Ms: stats ? stats.p99MsPerTick : null,
    bytesInPerSecond: series ? series.bytesInPerSecond : null,
    bytesOutPerSecond: series ? series.bytesOutPerSecond : null,
    snapshotsPerSecond: rate(snapshots, last?.snapshots),
    cpuMsPerSecond,
    memoryMb,
  };
  return {
    points: [...history.points, point].slice(-HISTORY_POINTS),
    last: { at, snapshots, cpuSeconds },
  };
}

/** Every author that appears in any point under `key`, sorted. */
export function authorsIn(points: ChartPoint[], key: 'cpuMsPerSecond' | 'memoryMb'): string[] {
  const names = new Set<string>();
  for (const point of points) for (const author of Object.keys(point[key])) names.add(author);
  return [...names].sort();
}

/** Whether a chart of these series has anything to draw (some value not null). */
export function hasData(columns: (number | null)[][]): boolean {
  return columns.some((column) => column.some((value) => value !== null));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
