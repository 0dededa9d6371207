/**
 * What the comparison chart and its table show for a RunComparison: one group per run, one bar per
 * model, null (a gap) where a model was left out, with the reason for every gap.
 */
import type { RunComparison } from '../../../shared/compare-runs';
import type { ModelId } from '../../../shared/models';
import { formatDuration, formatRate, formatSpeedup } from '../../../shared/format';
import type { ComparisonMetric } from '../store/history-view-slice';

/** How one metric is named, plotted and written. */
export interface MetricInfo {
  /** The toggle's and the table's name for it. */
  readonly label: string;
  /** The value axis's title. */
  readonly axis: string;
  /** The number plotted for a stored value (total time is stored in ms, plotted in s). */
  readonly plotted: (value: number) => number;
  readonly format: (value: number) => string;
}

/** Every metric the comparison can show, in the toggle's order. */
export const COMPARISON_METRICS: Readonly<Record<ComparisonMetric, MetricInfo>> = {
  totalMs: {
    label: 'Total time',
    axis: 'total time (s), lower is better',
    plotted: (ms) => ms / 1000,
    format: formatDuration,
  },
  speedup: {
    label: 'Speedup',
    axis: 'speedup over sequential (×), higher is better',
    plotted: (ratio) => ratio,
    format: formatSpeedup,
  },
  throughput: {
    label: 'Throughput',
    axis: 'tasks per second, higher is better',
    plotted: (rate) => rate,
    format: formatRate,
  },
};

/** A run's label on several lines, so that long settings do not collide under the bars. */
export function labelLines(label: string): string[] {
  return label.split(/ · |, /).filter((part) => part !== '');
}

/** A model with no bar in one run, and why. */
export interface ComparisonGap {
  readonly model: ModelId;
  readonly runLabel: string;
  readonly reason: string;
}

/** One dataset of the chart: a model's values, one per run, null where there is a gap. */
export interface ComparisonDataset {
  readonly model: ModelId;
  readonly values: readonly (number | null)[];
}

/** Everything the chart draws and says about itself. */
export interface ComparisonChartData {
  readonly labels: readonly string[];
  readonly datasets: readonly ComparisonDataset[];
  readonly axis: string;
  readonly gaps: readonly ComparisonGap[];
  /** The canvas's accessible name. */
  readonly description: string;
}

function gapReason(comparison: RunComparison, runIndex: number, model: ModelId, metric: ComparisonMetric) {
  const compared = comparison.runs[runIndex]?.models.find((m) => m.model === model);
  if (!compared) return 'not in this run';
  if (compared.excluded) return compared.excluded;
  return metric === 'speedup' ? 'no clean sequential run to compare with' : 'not measured';
}

/** The gaps of one metric, run by run (oldest first): every model without a value, with its reason. */
export function comparisonGaps(comparison: RunComparison, metric: ComparisonMetric): ComparisonGap[] {
  return comparison.runs.flatMap((_, runIndex) =>
    comparison.series.flatMap((series) =>
      series[metric][runIndex] === null
        ? [
            {
              model: series.model,
              runLabel: comparison.labels[runIndex] ?? '',
              reason: gapReason(comparison, runIndex, series.model, metric),
            },
          ]
        : [],
    ),
  );
}

/** Gaps of one run that share a reason, for a short note: "task-ms=400: sequential, async — cancelled". */
export interface GapGroup {
  readonly runLabel: string;
  readonly reason: string;
  readonly models: readonly ModelId[];
}

/** Groups gaps by run and reason, in the order they first appear. */
export function groupGaps(gaps: readonly ComparisonGap[]): GapGroup[] {
  const groups = new Map<string, { runLabel: string; reason: string; models: ModelId[] }>();
  for (const gap of gaps) {
    const key = `${gap.runLabel}\u0000${gap.reason}`;
    const group = groups.get(key) ?? { runLabel: gap.runLabel, reason: gap.reason, models: [] };
    group.models.push(gap.model);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** Builds the chart's data for one metric. */
export function comparisonChartData(
  comparison: RunComparison,
  metric: ComparisonMetric,
): ComparisonChartData {
  const info = COMPARISON_METRICS[metric];
  const datasets = comparison.series.map((series) => ({
    model: series.model,
    values: series[metric].map((value) => (value === null ? null : info.plotted(value))),
  }));
  const runs = comparison.runs.length;
  return {
    labels: [...comparison.labels],
    datasets,
    axis: info.axis,
    gaps: comparisonGaps(comparison, metric),
    description: `${info.label} per model across ${runs} run${runs === 1 ? '' : 's'}, grouped by run (${comparison.labels.join('; ')}); the table below lists the numbers.`,
  };
}

/** One row of the comparison's table: a run, and per model its value as text or why it has none. */
export interface ComparisonRow {
  readonly runId: string;
  readonly label: string;
  readonly description: string;
  readonly cells: readonly { readonly model: ModelId; readonly text: string; readonly gap: boolean }[];
}

/** The table's rows for one metric, one per run, oldest first. */
export function comparisonRows(comparison: RunComparison, metric: ComparisonMetric): ComparisonRow[] {
  const info = COMPARISON_METRICS[metric];
  return comparison.runs.map((run, runIndex) => ({
    runId: run.runId,
    label: comparison.labels[runIndex] ?? run.label,
    description: run.description,
    cells: comparison.series.map((series) => {
      const value = series[metric][runIndex] ?? null;
      return value === null
        ? {
            model: series.model,
            text: `— (${gapReason(comparison, runIndex, series.model, metric)})`,
            gap: true,
          }
        : { model: series.model, text: info.format(value), gap: false };
    }),
  }));
}
