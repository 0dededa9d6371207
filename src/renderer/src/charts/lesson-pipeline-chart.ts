/**
 * The pipeline chart, live: queue depth against its capacity (left axis) and the producer's and
 * consumers' rates (right axis) over seconds since the producer started; the latest totals in the title.
 */
import {
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
} from 'chart.js';
import type { PipelinePoint } from '../../../shared/lessons/pipeline';
import { scheduledChart, type StoreChart } from './store-chart';
import { pipelineHeadline, type PipelineChartInput } from './lesson-pipeline-data';
import { applyLessonTheme, readLessonChartStyle } from './lesson-chart-style';
import { withAlpha, type ThemeColors } from './theme-colors';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Legend, Title, Tooltip);

/** The chart bound to one canvas. */
export type PipelineChart = StoreChart<PipelineChartInput>;

type XY = { x: number; y: number };

/** Creates the chart on `canvas` (its parent must have a height). */
export function createPipelineChart(canvas: HTMLCanvasElement, initialColors: ThemeColors): PipelineChart {
  let colors = initialColors;
  let input: PipelineChartInput = { points: [], capacity: null };
  const chart = new Chart<'line', XY[], string>(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      parsing: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      elements: { point: { radius: 0, hoverRadius: 3 } },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          grid: {},
          ticks: {},
          title: { display: true, text: 'seconds since the producer started' },
        },
        depth: {
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          grid: {},
          ticks: { precision: 0 },
          title: { display: true, text: 'items waiting in the queue' },
        },
        rate: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: {},
          title: { display: true, text: 'items per second' },
        },
      },
      plugins: {
        title: { display: true, align: 'start', text: '' },
        legend: { position: 'top', align: 'end', labels: { boxWidth: 14, boxHeight: 3 } },
      },
    },
  });

  function draw(): void {
    const style = readLessonChartStyle();
    const { points, capacity } = input;
    const at = (p: PipelinePoint) => p.atMs / 1000;
    const end = points.length > 0 ? at(points.at(-1)!) : 0;
    chart.data.datasets = [
      {
        label: 'queue depth',
        yAxisID: 'depth',
        data: points.map((p) => ({ x: at(p), y: p.queueDepth })),
        borderColor: colors.warn,
        backgroundColor: withAlpha(colors.warn, 0.16),
        fill: 'origin',
        stepped: 'before',
        borderWidth: style.lineWidth,
        order: 3,
      },
      {
        label: 'capacity',
        yAxisID: 'depth',
        data:
          capacity === null || points.length === 0
            ? []
            : [
                { x: 0, y: capacity },
                { x: end, y: capacity },
              ],
        borderColor: colors.text,
        borderDash: [6, 4],
        borderWidth: style.lineWidth,
        pointRadius: 0,
        order: 0,
      },
      {
        label: 'producer rate',
        yAxisID: 'rate',
        data: points.map((p) => ({ x: at(p), y: p.producerRate })),
        borderColor: colors.model.async,
        backgroundColor: colors.model.async,
        borderWidth: style.lineWidth,
        order: 1,
      },
      {
        label: 'consumer rate',
        yAxisID: 'rate',
        data: points.map((p) => ({ x: at(p), y: p.consumerRate })),
        borderColor: colors.model.processes,
        backgroundColor: colors.model.processes,
        borderWidth: style.lineWidth,
        order: 2,
      },
    ];
    const { scales, plugins } = chart.options;
    if (scales?.['depth'] && capacity !== null) scales['depth'].suggestedMax = capacity;
    applyLessonTheme(chart.options, colors, style);
    const headline = pipelineHeadline(input);
    if (plugins?.title) plugins.title.text = headline;
    canvas.setAttribute('aria-label', `Queue depth and rates over time: ${headline}.`);
    chart.update('none');
  }

  return scheduledChart<PipelineChartInput>({
    draw,
    takeInput(next) {
      input = next;
    },
    takeColors(next) {
      colors = next;
    },
    dispose: () => chart.destroy(),
  });
}
