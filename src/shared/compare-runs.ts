/** Several finished runs side by side, ready for one chart: total time, speedup and throughput per run and model. */
import type { ModelSummary, RunView } from './views';
import { formatKnobNumber, POOL_KNOBS, type PoolKnobKey } from './knobs';
import { MODEL_IDS, type ModelId } from './models';
import type { ResolvedPool } from './pool';
import { failureOf } from './ranking';
import { paramFlags, type ScenarioId } from './scenarios';

/** One model's numbers in one run; null where the number does not count or was not measured. */
export interface ComparedModel {
  readonly model: ModelId;
  readonly totalMs: number | null;
  readonly speedup: number | null;
  readonly throughput: number | null;
  /** Why the numbers are left out ('failed', 'cancelled', 'wrong answer'), or null when they count. */
  readonly excluded: string | null;
}

/** One run in a comparison. */
export interface ComparedRun {
  readonly runId: string;
  readonly scenario: ScenarioId;
  readonly startedAt: string;
  /** What tells this run apart from the others compared (settings that differ, else its start time). */
  readonly label: string;
  /** Everything about the run in one line: scenario, settings, start time. */
  readonly description: string;
  readonly models: readonly ComparedModel[];
}

/** One model across every run, one value per run in the order of `runs` (null: not run or excluded). */
export interface ModelSeries {
  readonly model: ModelId;
  readonly totalMs: readonly (number | null)[];
  readonly speedup: readonly (number | null)[];
  readonly throughput: readonly (number | null)[];
}

/** Runs side by side: a grouped chart takes `labels` as its categories and one dataset per series. */
export interface RunComparison {
  /** What every run shares (scenario, settings), for the chart's title; '' when nothing is shared. */
  readonly title: string;
  /** Oldest first. */
  readonly runs: readonly ComparedRun[];
  readonly labels: readonly string[];
  /** Models that ran in any of the runs, in the usual model order. */
  readonly series: readonly ModelSeries[];
}

/** How start times are written in labels. */
export interface CompareOptions {
  /** 'local' (the default) for people, 'utc' for reproducible output. */
  readonly timeZone?: 'local' | 'utc';
}

interface Setting {
  readonly key: string;
  readonly text: string;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

function formatStart(iso: string, timeZone: 'local' | 'utc'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const utc = timeZone === 'utc';
  const [y, mo, d, h, mi, s] = utc
    ? [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
      ]
    : [
        date.getFullYear(),
        date.getMonth() + 1,
        date.getDate(),
        date.getHours(),
        date.getMinutes(),
        date.getSeconds(),
      ];
  return `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:${two(s)}${utc ? ' UTC' : ''}`;
}

/** The scenario's knobs, then the pool's, each as `flag=value` the way the CLI spells it. */
function settingsOf(view: RunView): Setting[] {
  const { scenario, params, pool } = view.run;
  const scenarioSettings = paramFlags(scenario, params).map(([flag, value]) => ({
    key: `param:${flag}`,
    text: `${flag}=${value}`,
  }));
  const poolSettings = (Object.keys(POOL_KNOBS) as PoolKnobKey[]).map((key) => {
    const knob: { readonly flag: string; readonly unsetMeans?: string } = POOL_KNOBS[key];
    const value: ResolvedPool[PoolKnobKey] = pool[key];
    return {
      key: `pool:${key}`,
      text: `${knob.flag}=${value === null ? (knob.unsetMeans ?? 'none') : formatKnobNumber(value)}`,
    };
  });
  return [...scenarioSettings, ...poolSettings];
}

function compareModel(summary: ModelSummary): ComparedModel {
  // The one ranking rule decides: a failed task or a wrong answer excludes a model, as does cancelling.
  const failure = failureOf(summary);
  const excluded = failure ?? (summary.state !== 'done' ? summary.state : null);
  // The lab never shows a fast wrong answer: excluded models get no bars.
  if (excluded) return { model: summary.model, totalMs: null, speedup: null, throughput: null, excluded };
  return {
    model: summary.model,
    totalMs: summary.wallMs,
    speedup: summary.speedup,
    throughput: summary.throughput,
    excluded: null,
  };
}

/** Makes labels unique: repeated ones get their start time, then a counter if even that repeats. */
function distinctLabels(labels: readonly string[], starts: readonly string[]): string[] {
  const repeated = (list: readonly string[], label: string): boolean =>
    list.filter((l) => l === label).length > 1;
  const timed = labels.map((label, i) => (repeated(labels, label) ? `${label} · ${starts[i]}` : label));
  const counts = new Map<string, number>();
  return timed.map((label) => {
    const seen = (counts.get(label) ?? 0) + 1;
    counts.set(label, seen);
    return seen > 1 ? `${label} (${seen})` : label;
  });
}

/** Compares runs (each at most once, oldest first) for one chart. */
export function compareRuns(views: readonly RunView[], options: CompareOptions = {}): RunComparison {
  const timeZone = options.timeZone ?? 'local';
  const unique = [...new Map(views.map((view) => [view.run.runId, view])).values()].sort((a, b) =>
    a.run.startedAt.localeCompare(b.run.startedAt),
  );
  const settings = unique.map(settingsOf);
  const textOf = (index: number, key: string): string | undefined =>
    settings[index]?.find((setting) => setting.key === key)?.text;
  const allKeys = [...new Set(settings.flat().map((setting) => setting.key))];
  const differs = (key: string): boolean => new Set(unique.map((_, index) => textOf(index, key))).size > 1;
  const differing = allKeys.filter(differs);
  const scenarioDiffers = new Set(unique.map((view) => view.run.scenario)).size > 1;
  const starts = unique.map((view) => formatStart(view.run.startedAt, timeZone));

  const baseLabels = unique.map((view, index) => {
    const changed = differing.flatMap((key) => textOf(index, key) ?? []).join(', ');
    const parts = [scenarioDiffers ? view.run.scenario : '', changed].filter((part) => part !== '');
    return parts.length > 0 ? parts.join(' · ') : starts[index]!;
  });
  const labels = distinctLabels(baseLabels, starts);
  const runs = unique.map((view, index): ComparedRun => {
    // Scenario knobs always; pool settings only where runs differ (they are mostly defaults).
    const described = (settings[index] ?? [])
      .filter((setting) => setting.key.startsWith('param:') || differing.includes(setting.key))
      .map((setting) => setting.text)
      .join(', ');
    return {
      runId: view.run.runId,
      scenario: view.run.scenario,
      startedAt: view.run.startedAt,
      label: labels[index]!,
      description: [view.run.scenario, described, starts[index]!].filter((part) => part !== '').join(' · '),
      models: view.run.results.map(compareModel),
    };
  });

  const shared = allKeys
    .filter((key) => key.startsWith('param:') && !differs(key) && textOf(0, key) !== undefined)
    .map((key) => textOf(0, key)!);
  const first = unique[0];
  const title =
    !first || scenarioDiffers ? '' : [first.run.scenario, shared.join(', ')].filter(Boolean).join(' · ');

  const valuesOf = (model: ModelId, metric: 'totalMs' | 'speedup' | 'throughput'): (number | null)[] =>
    runs.map((run) => run.models.find((m) => m.model === model)?.[metric] ?? null);
  const series = MODEL_IDS.filter((model) =>
    runs.some((run) => run.models.some((m) => m.model === model)),
  ).map((model): ModelSeries => ({
    model,
    totalMs: valuesOf(model, 'totalMs'),
    speedup: valuesOf(model, 'speedup'),
    throughput: valuesOf(model, 'throughput'),
  }));
  return { title, runs, labels, series };
}
