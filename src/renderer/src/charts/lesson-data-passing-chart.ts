/** The data-passing chart: milliseconds per megabyte by payload size (both log scales), one line per carrier and mode. */
import {
  Chart,
  Legend,
  LogarithmicScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { DataPassingMode, DataPassingRow } from '../../../shared/lessons/data-passing';
import { scheduledChart, type StoreChart } from './store-chart';
import { applyLessonTheme, readLessonChartStyle } from './lesson-chart-style';
import { formatBytes } from '../../../shared/format';
import { logTicks, passingSeries } from './lesson-data-passing-data';
import type { ThemeColors } from './theme-colors';

Chart.register(LineController, LineElement, PointElement, LogarithmicScale, Legend, Tooltip);

/** The chart bound to one canvas. */
export type DataPassingChart = StoreChart<readonly DataPassingRow[]>;

const DASHES: Readonly<Record<DataPassingMode, number[]>> = { clone: [], transfer: [8, 4], shared: [2, 3] };

/** Creates the chart on `canvas` (its parent must have a height). */
export function createDataPassingChart(
  canvas: HTMLCanvasElement,
  initialColors: ThemeColors,
): DataPassingChart {
  let colors = initialColors;
  let rows: readonly DataPassingRow[] = [];
  // Ticks at the sizes measured, and at round ms-per-MB values: a log axis's own ticks land on odd numbers.
  const sizes = () => [...new Set(rows.map((row) => row.bytes))].sort((a, b) => a - b);
  const perMb = () => rows.map((row) => row.msPerMb).filter((v) => v > 0);
  const chart = new Chart<'line', { x: number; y: number }[], string>(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      parsing: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          type: 'logarithmic',
          grid: {},
          title: { display: true, text: 'payload size' },
          ticks: { callback: (value) => formatBytes(Number(value)), autoSkip: false },
          afterBuildTicks: (axis) => {
            if (rows.length > 0) axis.ticks = sizes().map((value) => ({ value }));
          },
        },
        y: {
          type: 'logarithmic',
          grid: {},
          ticks: { callback: (value) => String(Number(value)) },
          title: { display: true, text: 'ms per MB (round trip)' },
          afterBuildTicks: (axis) => {
            const values = perMb();
            if (values.length === 0) return;
            const ticks = logTicks(axis.min, axis.max);
            if (ticks.length > 1) axis.ticks = ticks.map((value) => ({ value }));
          },
        },
      },
      plugins: {
        legend: { position: 'top', align: 'start', labels: { boxWidth: 18, boxHeight: 3 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? formatBytes(items[0].parsed.x ?? 0) : ''),
            label: (item) => ` ${item.dataset.label}: ${(item.parsed.y ?? 0).toFixed(2)} ms/MB`,
          },
        },
      },
    },
  });

  function draw(): void {
    const style = readLessonChartStyle();
    const color = (carrier: string, mode: DataPassingMode) =>
      carrier === 'processes'
        ? colors.model.processes
        : mode === 'clone'
          ? colors.model.threads
          : mode === 'transfer'
            ? colors.model.async
            : colors.model.sequential;
    const series = passingSeries(rows);
    chart.data.datasets = series.map((s) => ({
      label: s.label,
      data: s.points.map((p) => ({ ...p })),
      borderColor: color(s.carrier, s.mode),
      backgroundColor: color(s.carrier, s.mode),
      borderWidth: style.lineWidth,
      borderDash: DASHES[s.mode],
      pointRadius: style.lineWidth + 1,
    }));
    applyLessonTheme(chart.options, colors, style);
    const { x, y } = chart.options.scales ?? {};
    const measuredSizes = sizes();
    const values = perMb();
    if (x && measuredSizes.length > 0) {
      x.min = measuredSizes[0]! / 1.5;
      x.max = measuredSizes.at(-1)! * 1.5;
    }
    if (y && values.length > 0) {
      y.min = Math.min(...values) / 1.5;
      y.max = Math.max(...values) * 1.5;
    }
    const measured = series.filter((s) => s.points.length > 0);
    canvas.setAttribute(
      'aria-label',
      measured.length === 0
        ? 'Milliseconds per megabyte by payload size: nothing measured yet.'
        : `Milliseconds per megabyte by payload size: ${measured
            .map(
              (s) =>
                `${s.label} ${s.points.at(-1)!.y.toFixed(2)} ms/MB at ${formatBytes(s.points.at(-1)!.x)}`,
            )
            .join('; ')}.`,
    );
    chart.update('none');
  }

  return scheduledChart<readonly DataPassingRow[]>({
    draw,
    takeInput(next) {
      rows = next;
    },
    takeColors(next) {
      colors = next;
    },
    dispose: () => chart.destroy(),
  });
}
