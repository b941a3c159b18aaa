import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartLine {
  label: string;
  /** One value per x; null draws a gap. */
  values: (number | null)[];
}

/** Line colours, readable on the dark panel, in the order lines are given. */
const COLOURS = ['#4aa3ff', '#ff9f43', '#2ed573', '#ff6b81', '#a29bfe', '#feca57', '#1dd1a1'];
const HEIGHT = 130;

/**
 * A small uPlot time chart: x in epoch seconds, one line per series. With
 * no values yet it says so in words instead of drawing an empty frame.
 * The chart is rebuilt when the set of lines changes and fed new data
 * otherwise; it takes its container's width.
 */
export function TimeChart(props: {
  title: string;
  unit: string;
  x: number[];
  lines: ChartLine[];
  testId: string;
}) {
  const { title, unit, x, lines, testId } = props;
  const holder = useRef<HTMLDivElement | null>(null);
  const plot = useRef<uPlot | null>(null);
  const empty = x.length === 0 || lines.every((line) => line.values.every((v) => v === null));
  const labels = lines.map((line) => line.label).join('\n');

  useEffect(() => {
    const element = holder.current;
    if (!element || empty) return;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height: HEIGHT,
      legend: { show: true },
      cursor: { show: true, drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        {
          stroke: '#8b96a8',
          grid: { stroke: '#2a3342' },
          ticks: { stroke: '#2a3342' },
          // Room for a whole clock time per tick: uPlot's default spacing let them overlap.
          space: 90,
          values: (_, ticks) => ticks.map(clockTime),
        },
        {
          stroke: '#8b96a8',
          grid: { stroke: '#2a3342' },
          ticks: { stroke: '#2a3342' },
          size: 56,
          values: (_, ticks) => ticks.map((tick) => `${formatNumber(tick)}`),
        },
      ],
      series: [
        {},
        ...labels.split('\n').map((label, k) => ({
          label: `${label} (${unit})`,
          stroke: COLOURS[k % COLOURS.length],
          width: 1.5,
          spanGaps: false,
        })),
      ],
    };
    const chart = new uPlot(options, [[], ...lines.map(() => [])], element);
    plot.current = chart;
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Rebuilt only when the lines themselves change; data arrives through setData below.
  }, [labels, unit, empty]);

  useEffect(() => {
    plot.current?.setData([x, ...lines.map((line) => line.values)] as uPlot.AlignedData);
  }, [x, lines]);

  return (
    <section className="chart" data-testid={testId} data-points={x.length}>
      <h3>{title}</h3>
      {empty ? (
        <p className="muted chart-empty" data-testid={`${testId}-empty`}>
          No data yet: the chart fills in while a match runs.
        </p>
      ) : (
        <div ref={holder} className="chart-plot" />
      )}
    </section>
  );
}

/** 14:05:30, from epoch seconds: the chart spans minutes, so seconds matter and dates do not. */
function clockTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return abs >= 10 || value === 0 ? String(Math.round(value)) : value.toFixed(2);
}
