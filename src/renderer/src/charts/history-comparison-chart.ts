/**
 * The comparison chart of stored runs: grouped bars, one group per run and one colour per model (the
 * app's model palette), gaps where a model was left out. Built on chart.js; updated imperatively.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { RunComparison } from '../../../shared/compare-runs';
import type { ComparisonMetric } from '../store/history-view-slice';
import { COMPARISON_METRICS, comparisonChartData, labelLines } from './history-comparison-data';
import { themeModelChart } from './model-chart-theme';
import type { ThemeColors } from './theme-colors';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

type ComparisonBars = ChartDataset<'bar', (number | null)[]>;

/** What the chart shows: a comparison (or none yet) and the metric chosen. */
export interface ComparisonChartInput {
  readonly comparison: RunComparison | null;
  readonly metric: ComparisonMetric;
}

/** A comparison chart bound to one canvas. */
export interface ComparisonChart {
  update(input: ComparisonChartInput): void;
  setColors(colors: ThemeColors): void;
  destroy(): void;
}

/** Creates the chart on `canvas` (its parent must have a height; the chart fills it). */
export function createComparisonChart(
  canvas: HTMLCanvasElement,
  initialColors: ThemeColors,
): ComparisonChart {
  let colors = initialColors;
  let current: ComparisonChartInput = { comparison: null, metric: 'totalMs' };
  const chart = new Chart<'bar', (number | null)[], string[]>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      // Gaps stay gaps: a left-out model keeps its slot in the group, empty.
      skipNull: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { type: 'category', ticks: { autoSkip: false, maxRotation: 0 } },
        y: {
          type: 'linear',
          beginAtZero: true,
          title: { display: true, text: '' },
          ticks: { maxTicksLimit: 6 },
        },
      },
      plugins: {
        legend: { position: 'top', align: 'end', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? (current.comparison?.labels[items[0].dataIndex] ?? '') : ''),
            label: (item) => {
              const { comparison, metric } = current;
              const series = comparison?.series[item.datasetIndex];
              const value = series?.[metric][item.dataIndex] ?? null;
              return value === null ? '' : ` ${series!.model}: ${COMPARISON_METRICS[metric].format(value)}`;
            },
          },
        },
      },
    },
  });
  themeModelChart(chart, colors);

  return {
    update(input) {
      current = input;
      const data = input.comparison ? comparisonChartData(input.comparison, input.metric) : null;
      chart.data.labels = (data?.labels ?? []).map(labelLines);
      chart.data.datasets = (data?.datasets ?? []).map((dataset): ComparisonBars => ({
        label: dataset.model,
        data: [...dataset.values],
        backgroundColor: colors.model[dataset.model],
        borderColor: colors.model[dataset.model],
        borderRadius: 3,
        maxBarThickness: 42,
      }));
      const y = chart.options.scales?.['y'];
      if (y && 'title' in y && y.title) y.title.text = data?.axis ?? '';
      canvas.setAttribute('aria-label', data?.description ?? 'Comparison chart: nothing compared yet.');
      chart.update('none');
    },
    setColors(next) {
      colors = next;
      themeModelChart(chart, colors);
      chart.update('none');
    },
    destroy() {
      chart.destroy();
    },
  };
}
