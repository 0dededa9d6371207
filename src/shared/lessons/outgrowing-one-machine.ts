/**
 * The lesson "Outgrowing one machine": what a broker costs and what it buys, measured. Tiny CPU tasks
 * through the process pool and through NATS JetStream (the per-task overhead); a sweep of task sizes
 * (where distributing starts to pay off against the plain loop); throughput as local workers are added
 * (plus any that joined); and a worker killed mid-task, its task redelivered and counted once.
 */
import { z } from 'zod';
import type { Claim } from '../claims';
import { formatCount, formatDuration, formatRate, formatSpeedupApprox } from '../format';
import { knobSchema } from '../knob-schema';
import { describeRange, type KnobSpec } from '../knobs';
import type { LessonSpec } from './lesson-spec';

/** The lesson's knobs and their allowed ranges. */
export const OUTGROWING_KNOBS = {
  tinyTasks: {
    key: 'tinyTasks',
    flag: 'tiny-tasks',
    label: 'Tiny tasks',
    min: 20,
    max: 5000,
    integer: true,
    default: 300,
    help: 'Tasks of about 50 µs of CPU each, to measure what every task pays on its way to a worker and back.',
  },
  tasks: {
    key: 'tasks',
    flag: 'tasks',
    label: 'Tasks per step',
    min: 4,
    max: 1000,
    integer: true,
    default: 40,
    help: 'Tasks of each size in the sweep, and of each step of workers.',
  },
  taskMs: {
    key: 'taskMs',
    flag: 'task-ms',
    label: 'Task size',
    unit: 'ms',
    min: 0.05,
    max: 200,
    integer: false,
    default: 20,
    help: 'CPU time of one task (the largest of the sweep, and the size of the workers’ steps), calibrated on this machine.',
  },
  sizes: {
    key: 'sizes',
    flag: 'sizes',
    label: 'Sizes',
    min: 1,
    max: 8,
    integer: true,
    default: 4,
    help: 'How many task sizes the sweep measures, each a fifth of the next.',
  },
  maxWorkers: {
    key: 'maxWorkers',
    flag: 'max-workers',
    label: 'Most local workers',
    min: 1,
    max: 64,
    integer: true,
    default: null,
    unsetMeans: 'one per core',
    help: 'The workers’ steps go 1, 2, 4… up to this many local worker processes.',
  },
} as const satisfies Record<string, KnobSpec>;

/** What to measure; a field left out takes its knob's default. */
export interface OutgrowingRequest {
  readonly tinyTasks?: number;
  readonly tasks?: number;
  /** Task sizes of the sweep, in ms of CPU, smallest first; the largest is also the workers' steps' size. */
  readonly sizesMs?: readonly number[];
  readonly maxWorkers?: number;
}

/** The tiny tasks through one model: what each task cost beyond its own work. */
export interface OverheadRow {
  readonly part: 'overhead';
  readonly model: 'processes' | 'distributed';
  readonly tasks: number;
  /** Workers that could take tasks (a distributed run counts those that joined). */
  readonly workers: number;
  /** One task's own CPU time, as calibrated. */
  readonly taskMs: number;
  readonly wallMs: number;
  /** wall × workers ÷ tasks − the task's own time: what each task paid to reach a worker and come back. */
  readonly overheadMs: number;
  readonly ok: boolean;
}

/** One task size: the plain loop, the process pool and the broker on the same tasks. */
export interface SweepRow {
  readonly part: 'sweep';
  readonly taskMs: number;
  readonly tasks: number;
  readonly sequentialMs: number;
  readonly processesMs: number;
  readonly distributedMs: number;
  /** Workers of the distributed run (local and joined). */
  readonly workers: number;
  readonly ok: boolean;
}

/** One step of local workers (plus those that joined), on tasks of one size. */
export interface ScalingRow {
  readonly part: 'scaling';
  readonly localWorkers: number;
  readonly joinedWorkers: number;
  readonly tasks: number;
  readonly taskMs: number;
  readonly wallMs: number;
  /** Tasks per second. */
  readonly throughput: number;
  readonly ok: boolean;
}

/** A local worker killed while it ran a task. */
export interface KillRow {
  readonly part: 'kill';
  readonly tasks: number;
  readonly workers: number;
  /** The process killed; null when the run ended before one could be. */
  readonly killedPid: number | null;
  /** Deliveries after the first: the killed worker's task, at least. */
  readonly redelivered: number;
  /** Tasks that never got a result. */
  readonly lost: number;
  /** Tasks whose result was counted more than once. */
  readonly countedTwice: number;
  readonly wallMs: number;
  readonly ok: boolean;
}

/** One measurement of the lesson. */
export type OutgrowingRow = OverheadRow | SweepRow | ScalingRow | KillRow;

/** The lesson's result. */
export interface OutgrowingResult {
  readonly cores: number;
  /** Where the broker was: "a private NATS server", "NATS at nats://…". */
  readonly broker: string;
  readonly rows: readonly OutgrowingRow[];
  /** Every task of every step came back with the right answer, exactly once. */
  readonly ok: boolean;
}

/** What the lesson streams: each measurement as soon as it is made. */
export interface OutgrowingProgress {
  readonly row: OutgrowingRow;
}

const sizesCount = `must list ${describeRange(OUTGROWING_KNOBS.sizes)} sizes`;

const requestSchema = z.strictObject({
  tinyTasks: knobSchema(OUTGROWING_KNOBS.tinyTasks).optional(),
  tasks: knobSchema(OUTGROWING_KNOBS.tasks).optional(),
  sizesMs: z
    .array(knobSchema(OUTGROWING_KNOBS.taskMs))
    .min(OUTGROWING_KNOBS.sizes.min, { error: sizesCount })
    .max(OUTGROWING_KNOBS.sizes.max, { error: sizesCount })
    .optional(),
  maxWorkers: knobSchema(OUTGROWING_KNOBS.maxWorkers).optional(),
});

/** The default sweep: `count` sizes, each a fifth of the next, ending at `largestMs` (none below the knob's minimum). */
export function sweepSizes(largestMs: number, count: number): number[] {
  const sizes: number[] = [];
  for (let i = 0, ms = largestMs; i < count && ms >= OUTGROWING_KNOBS.taskMs.min; i++, ms /= 5)
    sizes.unshift(Math.round(ms * 1000) / 1000);
  return sizes;
}

/** The rows of one part. */
export function rowsOf<P extends OutgrowingRow['part']>(
  result: Pick<OutgrowingResult, 'rows'>,
  part: P,
): Extract<OutgrowingRow, { part: P }>[] {
  return result.rows.filter((row): row is Extract<OutgrowingRow, { part: P }> => row.part === part);
}

/**
 * The task size from which the broker beat the plain loop — at that size and every larger one measured
 * (a lone lucky size below a losing one is not a break-even) — or null when the largest did not pay.
 */
export function breakEvenMs(result: Pick<OutgrowingResult, 'rows'>): number | null {
  const sweep = [...rowsOf(result, 'sweep')].sort((a, b) => b.taskMs - a.taskMs);
  let from: number | null = null;
  for (const row of sweep) {
    if (row.distributedMs >= row.sequentialMs) break;
    from = row.taskMs;
  }
  return from;
}

function ms(value: number): string {
  return formatDuration(value);
}

/** "What to notice", each checked against its measurement. */
export function outgrowingClaims(result: OutgrowingResult): Claim[] {
  const overhead = rowsOf(result, 'overhead');
  const broker = overhead.find((row) => row.model === 'distributed');
  const pool = overhead.find((row) => row.model === 'processes');
  const sweep = [...rowsOf(result, 'sweep')].sort((a, b) => a.taskMs - b.taskMs);
  const smallest = sweep[0];
  const scaling = [...rowsOf(result, 'scaling')].sort((a, b) => a.localWorkers - b.localWorkers);
  const [one, most] = [scaling[0], scaling[scaling.length - 1]];
  const kill = rowsOf(result, 'kill')[0];
  // With one core and nobody joined, nothing can run in parallel: a speedup is not there to find.
  const parallel = result.cores > 1 || (most?.joinedWorkers ?? 0) > 0;
  const breakEven = breakEvenMs(result);
  const claims: Claim[] = [
    broker && pool
      ? {
          text: 'through the broker, every task pays more on its way than through the process pool',
          model: 'distributed',
          holds: broker.overheadMs > pool.overheadMs,
          evidence: `${ms(broker.overheadMs)} per task beyond its work through NATS, ${ms(pool.overheadMs)} through the process pool (${formatCount(broker.tasks)} tasks of ${ms(broker.taskMs)})`,
        }
      : {
          text: 'through the broker, every task pays more',
          model: 'distributed',
          holds: null,
          evidence: 'not measured',
        },
    smallest
      ? {
          text: 'tiny tasks do not pay for the broker: distributing them is slower than the plain loop',
          model: 'distributed',
          holds: smallest.distributedMs > smallest.sequentialMs,
          evidence: `${formatCount(smallest.tasks)} tasks of ${ms(smallest.taskMs)}: ${ms(smallest.distributedMs)} distributed, ${ms(smallest.sequentialMs)} in one loop`,
        }
      : {
          text: 'tiny tasks do not pay for the broker',
          model: 'distributed',
          holds: null,
          evidence: 'not measured',
        },
    {
      text: 'big enough tasks do: past some size, distributing beats the plain loop',
      model: 'distributed',
      holds: sweep.length === 0 ? null : !parallel ? null : breakEven !== null,
      evidence:
        sweep.length === 0
          ? 'not measured'
          : !parallel
            ? 'this machine has one core and no worker joined'
            : breakEven !== null
              ? `from ${ms(breakEven)} per task, distributed ran faster than one loop`
              : `no size up to ${ms(sweep[sweep.length - 1]!.taskMs)} per task paid off`,
    },
    one && most && most !== one
      ? {
          text: 'adding local workers up to the cores raises throughput by a fifth or more',
          model: 'distributed',
          holds: parallel ? most.throughput >= 1.2 * one.throughput : null,
          evidence: `${formatRate(one.throughput)} with 1 local worker, ${formatRate(most.throughput)} with ${most.localWorkers}${most.joinedWorkers > 0 ? ` (+${most.joinedWorkers} joined)` : ''} (${formatSpeedupApprox(most.throughput / Math.max(one.throughput, 1e-9))})${parallel ? '' : '; this machine has one core'}`,
        }
      : {
          text: 'adding local workers raises throughput',
          model: 'distributed',
          holds: null,
          evidence: 'only one step of workers was measured',
        },
    kill && kill.killedPid !== null
      ? {
          text: 'a worker killed mid-task loses nothing: its task is redelivered and counted once',
          model: 'distributed',
          holds: kill.redelivered >= 1 && kill.lost === 0 && kill.countedTwice === 0,
          evidence: `pid ${kill.killedPid} killed: ${kill.redelivered} redelivered, ${kill.lost} lost, ${kill.countedTwice} counted twice, of ${kill.tasks} tasks`,
        }
      : {
          text: 'a worker killed mid-task loses nothing',
          model: 'distributed',
          holds: null,
          evidence: 'no worker could be killed mid-task in this run',
        },
    {
      text: 'every task came back with the right answer, exactly once',
      model: null,
      holds: result.ok,
      evidence: `${result.rows.filter((row) => row.ok).length} of ${result.rows.length} measurements checked`,
    },
  ];
  return claims;
}

/** The lesson's spec. */
export const outgrowingLesson: LessonSpec<
  'outgrowing-one-machine',
  OutgrowingRequest,
  OutgrowingResult,
  OutgrowingProgress
> = {
  id: 'outgrowing-one-machine',
  title: 'Outgrowing one machine',
  summary: 'what a broker costs and buys',
  knobs: OUTGROWING_KNOBS,
  request: requestSchema,
  // No trace: the lesson measures many short runs, not one timeline.
  exportFormats: ['csv', 'json', 'markdown'],
  settings: (request, result) => {
    const sizes = rowsOf(result, 'sweep').map((row) => row.taskMs);
    return [
      ...(request.tinyTasks !== undefined ? [['tiny-tasks', request.tinyTasks] as const] : []),
      ...(request.tasks !== undefined ? [['tasks', request.tasks] as const] : []),
      ...(sizes.length > 0
        ? [['task-ms', `${ms(Math.min(...sizes))}–${ms(Math.max(...sizes))}`] as const]
        : []),
      ...(request.maxWorkers !== undefined ? [['max-workers', request.maxWorkers] as const] : []),
    ];
  },
  headline: (result) => {
    const broker = rowsOf(result, 'overhead').find((row) => row.model === 'distributed');
    const pool = rowsOf(result, 'overhead').find((row) => row.model === 'processes');
    const breakEven = breakEvenMs(result);
    const parts = [
      broker && pool
        ? `${ms(broker.overheadMs)} per task through NATS vs ${ms(pool.overheadMs)} through processes`
        : null,
      breakEven !== null ? `pays off from ${ms(breakEven)} tasks` : 'no task size paid off',
      result.ok ? 'every answer checked' : 'an answer came back wrong',
    ];
    return parts.filter((part): part is string => part !== null).join('; ');
  },
  claims: outgrowingClaims,
};
