/**
 * The HTTP lesson's chart: requests in flight over time, one line per model (seconds since the model
 * started), built from the run's live snapshots as they arrive; the latest count is in the title.
 */
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { ModelId } from '../../../shared/models';
import type { ModelSnapshot } from '../../../shared/results';
import { scheduledChart, type StoreChart } from './store-chart';
import { peakSeries, withSnapshot, type InFlightPoint } from './lesson-in-flight-data';
import { applyLessonTheme, readLessonChartStyle } from './lesson-chart-style';
import type { ThemeColors } from './theme-colors';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Title, Tooltip);

/** What the chart is fed: the run's models and their latest snapshots. */
export interface InFlightInput {
  readonly runId: string | null;
  readonly models: readonly ModelId[];
  readonly snapshots: Readonly<Partial<Record<ModelId, ModelSnapshot>>>;
}

/** The chart bound to one canvas. */
export type InFlightChart = StoreChart<InFlightInput>;

function headline(input: InFlightInput, series: ReadonlyMap<ModelId, readonly InFlightPoint[]>): string {
  const live = input.models.map((m) => input.snapshots[m]).find((s) => s?.state === 'running');
  if (live) return `In flight now: ${live.running} (${live.model})`;
  const peaks = input.models.flatMap((m) => {
    const points = series.get(m) ?? [];
    return points.length > 0 ? [`${m} ${Math.max(...points.map((p) => p.y))}`] : [];
  });
  return peaks.length > 0
    ? `Most in flight at once: ${peaks.join(' · ')}`
    : 'Requests in flight appear here, live';
}

/** Creates the chart on `canvas` (its parent must have a height). */
export function createInFlightChart(canvas: HTMLCanvasElement, initialColors: ThemeColors): InFlightChart {
  let colors = initialColors;
  let runId: string | null = null;
  let series = new Map<ModelId, InFlightPoint[]>();
  const chart = new Chart<'line', InFlightPoint[], string>(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      parsing: false,
      responsive: true,
      maintainAspectRatio: false,
      elements: { point: { radius: 0, hoverRadius: 3 }, line: { stepped: 'before' } },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          grid: {},
          ticks: {},
          title: { display: true, text: 'seconds since the model started' },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          grid: {},
          ticks: { precision: 0 },
          title: { display: true, text: 'in flight (most per ¼ s)' },
        },
      },
      plugins: {
        title: { display: true, align: 'start', text: '' },
        legend: { position: 'top', align: 'end', labels: { boxWidth: 14, boxHeight: 3 } },
      },
    },
  });

  function themed(): void {
    const style = readLessonChartStyle();
    applyLessonTheme(chart.options, colors, style);
    for (const dataset of chart.data.datasets) {
      const color = colors.model[dataset.label as ModelId] ?? colors.text;
      dataset.borderColor = color;
      dataset.backgroundColor = color;
      dataset.borderWidth = style.lineWidth;
    }
  }

  themed();
  return scheduledChart<InFlightInput>({
    draw: () => chart.update('none'),
    takeInput(input) {
      if (input.runId !== runId) {
        runId = input.runId;
        series = new Map();
      }
      const datasets: ChartDataset<'line', InFlightPoint[]>[] = [];
      for (const model of input.models) {
        const snapshot = input.snapshots[model];
        const points = snapshot ? withSnapshot(series.get(model) ?? [], snapshot) : [];
        series.set(model, points);
        const existing = chart.data.datasets.find((d) => d.label === model);
        const shown = peakSeries(points);
        datasets.push(existing ? Object.assign(existing, { data: shown }) : { label: model, data: shown });
      }
      chart.data.datasets = datasets;
      const title = headline(input, series);
      if (chart.options.plugins?.title) chart.options.plugins.title.text = title;
      canvas.setAttribute('aria-label', `Requests in flight over time, one line per model. ${title}.`);
      themed();
    },
    takeColors(next) {
      colors = next;
      themed();
    },
    dispose: () => chart.destroy(),
  });
}
