/**
 * The Chrome trace export (Trace Event Format, JSON object form) for Perfetto and chrome://tracing:
 * one process per model, one thread per lane, every model on the run's one clock.
 */
import type { ModelResult, RunResult, TaskRecord } from '../../../shared/results';
import { round3 } from './json';
import { MODELS } from '../../../shared/models';

/** Most counter samples per model; more task ends are decimated to this many. */
export const MAX_COUNTER_SAMPLES = 2000;

/** Arguments attached to a trace event. */
export type TraceArgs = Readonly<Record<string, string | number | boolean>>;

/** One event of the Trace Event Format; times in microseconds. */
export interface TraceEvent {
  readonly name: string;
  /** X complete, b/e nestable async begin/end, C counter, M metadata. */
  readonly ph: 'X' | 'b' | 'e' | 'C' | 'M';
  readonly ts: number;
  readonly pid: number;
  readonly tid: number;
  readonly cat?: string;
  readonly dur?: number;
  /** Process-scoped id pairing a b event with its e event. */
  readonly id2?: { readonly local: string };
  /** A reserved trace-viewer colour name. */
  readonly cname?: string;
  readonly args?: TraceArgs;
}

/** What the trace says about the run, besides its events. */
export interface TraceMetadata {
  readonly runId: string;
  readonly scenario: string;
  readonly title: string;
  readonly startedAt: string;
  /** Epoch ms of ts 0. */
  readonly epochMs: number;
  readonly cores: number;
  readonly node: string;
}

/** A trace file in the JSON object form. */
export interface ChromeTrace {
  readonly traceEvents: TraceEvent[];
  readonly displayTimeUnit: 'ms';
  readonly metadata?: TraceMetadata;
}

/** A reserved trace-viewer colour that reads as "failed". */
const FAILED_COLOR = 'terrible';

function metadataEvents(model: ModelResult, pid: number): TraceEvent[] {
  const meta = (name: string, tid: number, args: TraceArgs): TraceEvent => ({
    name,
    ph: 'M',
    ts: 0,
    pid,
    tid,
    args,
  });
  return [
    meta('process_name', 1, { name: `${model.model} (${model.placement})` }),
    meta('process_sort_index', 1, { sort_index: pid }),
    ...[...model.lanes].flatMap((lane) => [
      meta('thread_name', lane.index + 1, { name: lane.label }),
      meta('thread_sort_index', lane.index + 1, { sort_index: lane.index }),
    ]),
  ];
}

function taskArgs(record: TaskRecord): TraceArgs {
  return {
    task: record.task,
    ok: record.ok,
    queueWaitMs: round3(record.startedAt - record.queuedAt),
    lane: record.lane,
  };
}

function taskEvents(model: ModelResult, pid: number, toTs: (modelMs: number) => number): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (const record of model.timeline) {
    const name = `task ${record.task}`;
    const ts = toTs(record.startedAt);
    const failed = record.ok ? {} : { cname: FAILED_COLOR };
    const args = taskArgs(record);
    if (MODELS[model.model].interleaved) {
      // Interleaved tasks overlap on one thread, which X events (a per-thread stack) cannot show; nestable
      // async b/e pairs with one id per task get a track each, and Perfetto and chrome://tracing stack them.
      const id2 = { local: `0x${record.task.toString(16)}` };
      events.push({ name, cat: 'async', ph: 'b', ts, pid, tid: 1, id2, ...failed, args });
      events.push({
        name,
        cat: 'async',
        ph: 'e',
        ts: toTs(record.endedAt),
        pid,
        tid: 1,
        id2,
        ...failed,
        args: {},
      });
    } else {
      const dur = round3(Math.max(0, record.endedAt - record.startedAt) * 1000);
      events.push({ name, cat: model.model, ph: 'X', ts, dur, pid, tid: record.lane + 1, ...failed, args });
    }
  }
  return events;
}

/** Indexes of the samples kept when thinning `count` samples to at most `max`, always keeping the last. */
export function decimate(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const step = Math.ceil(count / max);
  const kept: number[] = [];
  for (let i = step - 1; i < count; i += step) kept.push(i);
  if (kept[kept.length - 1] !== count - 1) kept.push(count - 1);
  return kept;
}

function counterEvents(model: ModelResult, pid: number, toTs: (modelMs: number) => number): TraceEvent[] {
  const ends = [...model.timeline].sort((a, b) => a.endedAt - b.endedAt);
  const counter = (ts: number, completed: number, failed: number): TraceEvent => ({
    name: 'tasks',
    cat: model.model,
    ph: 'C',
    ts,
    pid,
    tid: 1,
    args: { completed, failed },
  });
  const cumulative: TraceEvent[] = [];
  let completed = 0;
  let failed = 0;
  for (const record of ends) {
    if (record.ok) completed++;
    else failed++;
    cumulative.push(counter(toTs(record.endedAt), completed, failed));
  }
  // One slot goes to the zero sample at the model's start, so the counter ramps up from 0.
  const kept = decimate(cumulative.length, MAX_COUNTER_SAMPLES - 1).flatMap((i) => cumulative[i] ?? []);
  return [counter(toTs(0), 0, 0), ...kept];
}

/** A run as a Chrome trace: one process per model, one thread per lane, all on one clock starting at the earliest model. */
export function toChromeTrace(run: RunResult): ChromeTrace {
  const epochMs = run.results.length > 0 ? Math.min(...run.results.map((m) => m.epochStartMs)) : 0;
  const metadata: TraceEvent[] = [];
  const events: TraceEvent[] = [];
  run.results.forEach((model, index) => {
    const pid = index + 1;
    // Model times are ms since that model's start; the trace needs µs since the run's earliest start.
    const toTs = (modelMs: number): number => round3((model.epochStartMs + modelMs - epochMs) * 1000);
    // Appended one by one: async's 100,000 lanes and tasks are too many arguments for one push(...).
    for (const event of metadataEvents(model, pid)) metadata.push(event);
    for (const event of taskEvents(model, pid, toTs)) events.push(event);
    for (const event of counterEvents(model, pid, toTs)) events.push(event);
  });
  // Stable sort: a zero-length task's b stays before its e. Metadata stays first and grouped per process.
  events.sort((a, b) => a.ts - b.ts);
  return {
    traceEvents: [...metadata, ...events],
    displayTimeUnit: 'ms',
    metadata: {
      runId: run.runId,
      scenario: run.scenario,
      title: run.title,
      startedAt: run.startedAt,
      epochMs,
      cores: run.machine.cores,
      node: run.machine.node,
    },
  };
}

/** A run as Chrome trace JSON text, ready to open in Perfetto or chrome://tracing. */
export function formatTrace(run: RunResult): string {
  return `${JSON.stringify(toChromeTrace(run))}\n`;
}
