/** The race-condition chart: expected and final count side by side for each run, lost updates under the label. */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { RaceConditionResult } from '../../../shared/lessons/race-condition';
import { scheduledChart, type StoreChart } from './store-chart';
import { applyLessonTheme, readLessonChartStyle } from './lesson-chart-style';
import { lostText, raceRunLabel, raceRunLines } from './lesson-race-data';
import type { ThemeColors } from './theme-colors';
import { formatCount } from '../../../shared/format';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The chart bound to one canvas. */
export type RaceChart = StoreChart<RaceConditionResult | null>;

/** Creates the chart on `canvas` (its parent must have a height). */
export function createRaceChart(canvas: HTMLCanvasElement, initialColors: ThemeColors): RaceChart {
  let colors = initialColors;
  let result: RaceConditionResult | null = null;
  const chart = new Chart<'bar', number[], string[]>(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { grid: {}, ticks: { autoSkip: false, maxRotation: 0 } },
        y: {
          beginAtZero: true,
          grid: {},
          title: { display: true, text: 'counter value' },
          ticks: { callback: (value) => formatCount(Number(value)) },
        },
      },
      plugins: {
        legend: { position: 'top', align: 'end', labels: { boxWidth: 14 } },
        tooltip: {
          callbacks: { label: (item) => ` ${item.dataset.label}: ${formatCount(item.parsed.y ?? 0)}` },
        },
      },
    },
  });

  function draw(): void {
    const style = readLessonChartStyle();
    const runs = result?.runs ?? [];
    chart.data.labels = runs.map((run) => [...raceRunLines(run), lostText(run)]);
    chart.data.datasets = [
      {
        label: 'expected',
        data: runs.map((run) => run.expected),
        backgroundColor: colors.grid,
        borderColor: colors.muted,
        borderWidth: style.lineWidth / 2,
      },
      {
        label: 'final',
        data: runs.map((run) => run.final),
        backgroundColor: runs.map((run) => (run.lost > 0 ? colors.danger : colors.model.threads)),
        borderWidth: 0,
      },
    ];
    applyLessonTheme(chart.options, colors, style, colors.text);
    canvas.setAttribute(
      'aria-label',
      runs.length === 0
        ? 'Expected and final counts: no run yet.'
        : `Expected and final counts: ${runs.map((r) => `${raceRunLabel(r)}, final ${formatCount(r.final)} of ${formatCount(r.expected)}, ${lostText(r)}`).join('; ')}.`,
    );
    chart.update('none');
  }

  return scheduledChart<RaceConditionResult | null>({
    draw,
    takeInput(next) {
      result = next;
    },
    takeColors(next) {
      colors = next;
    },
    dispose: () => chart.destroy(),
  });
}
