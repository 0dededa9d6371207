/**
 * The throughput chart: one line per model, tasks per second over seconds since the model's start.
 * Built on chart.js with only the parts it needs; updated imperatively (no animation, no parsing,
 * decimated when a series outgrows the pixels), at most once per animation frame.
 */
import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { ModelId } from '../../../shared/models';
import { formatRate } from '../../../shared/format';
import { scheduledChart, type StoreChart } from './store-chart';
import type { LanesInput } from './lanes-layout';
import { themeModelChart } from './model-chart-theme';
import type { ThemeColors } from './theme-colors';
import { latestRate, throughputPoints, type ThroughputPoint } from './throughput-data';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation);

type ThroughputDataset = ChartDataset<'line', ThroughputPoint[]>;

/** A throughput chart bound to one canvas: new snapshots are drawn in the next frame. */
export type ThroughputChart = StoreChart<LanesInput>;

function describe(input: LanesInput): string {
  const rates = input.models.flatMap((model) => {
    const series = input.snapshots[model]?.throughput;
    const rate = series ? latestRate(series) : null;
    return rate === null ? [] : [`${model} ${formatRate(rate)}`];
  });
  return rates.length === 0
    ? 'Throughput over time: no data yet.'
    : `Throughput over time, one line per model, latest tasks per second: ${rates.join(', ')}.`;
}

/** Creates the chart on `canvas` (its parent must have a height; the chart fills it). */
export function createThroughputChart(
  canvas: HTMLCanvasElement,
  initialColors: ThemeColors,
): ThroughputChart {
  let colors = initialColors;
  const chart = new Chart<'line', ThroughputPoint[], string>(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      elements: { point: { radius: 0, hoverRadius: 3 }, line: { borderWidth: 2, tension: 0 } },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          title: { display: true, text: 'seconds since the model started' },
          ticks: { maxTicksLimit: 8 },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          title: { display: true, text: 'tasks/s' },
          ticks: { maxTicksLimit: 6 },
        },
      },
      plugins: {
        legend: { position: 'top', align: 'end', labels: { boxWidth: 14, boxHeight: 3 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? `${items[0].parsed.x?.toFixed(1)} s` : ''),
            label: (item) => ` ${item.dataset.label}: ${formatRate(item.parsed.y ?? 0)}`,
          },
        },
        decimation: { enabled: true, algorithm: 'min-max' },
      },
    },
  });
  themeModelChart(chart, colors);
  let described = '';

  return scheduledChart<LanesInput>({
    draw: () => chart.update('none'),
    takeInput(input) {
      const byModel = new Map(chart.data.datasets.map((d) => [d.label as ModelId, d]));
      const datasets: ThroughputDataset[] = [];
      for (const model of input.models) {
        const points = throughputPoints(input.snapshots[model]?.throughput ?? []);
        const dataset = byModel.get(model) ?? {
          label: model,
          data: points,
          borderColor: colors.model[model],
          backgroundColor: colors.model[model],
          pointRadius: 0,
          borderWidth: 2,
        };
        if (dataset.data !== points) dataset.data = points;
        datasets.push(dataset);
      }
      const same =
        datasets.length === chart.data.datasets.length &&
        datasets.every((d, i) => d === chart.data.datasets[i]);
      if (!same) chart.data.datasets = datasets;
      const description = describe(input);
      if (description !== described) {
        canvas.setAttribute('aria-label', description);
        described = description;
      }
    },
    takeColors(next) {
      colors = next;
      themeModelChart(chart, colors);
    },
    dispose: () => chart.destroy(),
  });
}
