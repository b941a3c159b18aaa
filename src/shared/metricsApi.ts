/**
 * The host's metrics as the host API carries them (`metrics.snapshot`),
 * for the host dashboard's charts: the same figures `/metrics` exposes to
 * Prometheus, plus the last couple of minutes of headline figures.
 */
import { z } from 'zod';

/** One metric as prom-client describes it; a histogram's values carry bucket/sum/count names. */
export const metricSchema = z.object({
  name: z.string(),
  help: z.string(),
  type: z.enum(['counter', 'gauge', 'histogram', 'summary']),
  values: z.array(
    z.object({
      /** For histograms: `<name>_bucket` (with `le`), `<name>_sum` or `<name>_count`. */
      metricName: z.string().optional(),
      labels: z.record(z.string(), z.union([z.string(), z.number()])),
      value: z.number(),
    }),
  ),
});

/** One point per engine report (about a second), oldest first; rates are per second. */
export const metricsPointSchema = z.object({
  /** Epoch ms. */
  at: z.number(),
  /** Mean tick duration over the report, ms. */
  tickMs: z.number(),
  entities: z.number().int(),
  players: z.number().int(),
  ticksPerSecond: z.number(),
  bytesInPerSecond: z.number(),
  bytesOutPerSecond: z.number(),
  snapshotBytesPerSecond: z.number(),
});

export const metricsSnapshotSchema = z.object({
  /** When the values were read, epoch ms. */
  at: z.number(),
  metrics: z.array(metricSchema),
  series: z.array(metricsPointSchema),
});

export type MetricData = z.output<typeof metricSchema>;
export type MetricsPoint = z.output<typeof metricsPointSchema>;
export type MetricsSnapshot = z.output<typeof metricsSnapshotSchema>;
