import type { MetricData, MetricsSnapshot } from '../../../shared/metricsApi';
import type { HostMetrics } from './hostMetrics';

/** Every metric's current values and the recent series, as `metrics.snapshot` answers. */
export async function metricsSnapshot(metrics: HostMetrics): Promise<MetricsSnapshot> {
  const json = await metrics.registry.getMetricsAsJSON();
  return {
    at: Date.now(),
    metrics: json.map((metric): MetricData => ({
      name: metric.name,
      help: metric.help,
      type: String(metric.type) as MetricData['type'],
      values: metric.values
        .filter((value) => Number.isFinite(value.value))
        .map((value) => ({
          ...('metricName' in value && value.metricName
            ? { metricName: String(value.metricName) }
            : {}),
          labels: { ...(value.labels as Record<string, string | number>) },
          value: value.value,
        })),
    })),
    series: metrics.series.points(),
  };
}
