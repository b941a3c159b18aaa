import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../describeError';
import { useArbiterStore } from '../store';
import {
  addPoint,
  authorsIn,
  emptyHistory,
  type ChartHistory,
  type ChartPoint,
} from './chartHistory';
import { TimeChart, type ChartLine } from './TimeChart';

/** How often the dashboard asks the host for its metrics, ms. */
const POLL_MS = 2000;

/**
 * The host's figures over the last minutes: tick time (median and p99),
 * bandwidth in and out, snapshots per second, and each author's sandbox
 * CPU and memory. Polls `metrics.snapshot` while open.
 */
export function MetricsCharts() {
  const client = useArbiterStore((state) => state.client);
  const [history, setHistory] = useState<ChartHistory>(emptyHistory);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!client) return;
    let stopped = false;
    const poll = async () => {
      try {
        const snapshot = await client.request('metrics.snapshot', {});
        if (stopped) return;
        const stats = useArbiterStore.getState().match?.running
          ? useArbiterStore.getState().stats
          : null;
        setHistory((now) => addPoint(now, snapshot, stats));
        setProblem(null);
      } catch (error) {
        if (!stopped) setProblem(`The host's figures could not be read: ${describeError(error)}`);
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client]);

  const { points } = history;
  const x = useMemo(() => points.map((point) => point.at), [points]);
  const pick = (label: string, value: (point: ChartPoint) => number | null): ChartLine => ({
    label,
    values: points.map(value),
  });
  const perAuthor = (key: 'cpuMsPerSecond' | 'memoryMb'): ChartLine[] =>
    authorsIn(points, key).map((author) => pick(author, (point) => point[key][author] ?? null));

  return (
    <div className="metrics-charts" data-testid="metrics-charts">
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <TimeChart
        title="Tick time"
        unit="ms"
        testId="chart-tick"
        x={x}
        lines={[pick('median', (p) => p.tickMedianMs), pick('p99', (p) => p.tickP99Ms)]}
      />
      <TimeChart
        title="Bandwidth"
        unit="B/s"
        testId="chart-bandwidth"
        x={x}
        lines={[pick('in', (p) => p.bytesInPerSecond), pick('out', (p) => p.bytesOutPerSecond)]}
      />
      <TimeChart
        title="Snapshots sent"
        unit="per s"
        testId="chart-snapshots"
        x={x}
        lines={[pick('snapshots', (p) => p.snapshotsPerSecond)]}
      />
      <TimeChart
        title="Sandbox CPU per author"
        unit="ms/s"
        testId="chart-cpu"
        x={x}
        lines={perAuthor('cpuMsPerSecond')}
      />
      <TimeChart
        title="Sandbox memory per author"
        unit="MiB"
        testId="chart-memory"
        x={x}
        lines={perAuthor('memoryMb')}
      />
    </div>
  );
}
