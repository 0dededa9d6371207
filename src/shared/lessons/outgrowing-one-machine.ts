/**
 * The lesson "Outgrowing one machine": what a broker costs and what it buys, measured. Tiny CPU tasks
 * through the process pool and through NATS JetStream (the per-task overhead); a sweep of task sizes
 * (where distributing starts to pay off against the plain loop); throughput as local workers are added
 * (plus any that joined); and a worker killed mid-task, its task redelivered and counted once.
 */
import { z } from 'zod';
import { formatDuration } from '../format';
import { knobSchema } from '../knob-schema';
import { describeRange, type KnobSpec } from '../knobs';
import type { LessonSpec } from './lesson-spec';
import { outgrowingClaims } from './outgrowing-one-machine-claims';
import {
  breakEvenMs,
  rowsOf,
  type OutgrowingResult,
  type OutgrowingRow,
} from './outgrowing-one-machine-results';

export { outgrowingClaims } from './outgrowing-one-machine-claims';
export * from './outgrowing-one-machine-results';

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

function ms(value: number): string {
  return formatDuration(value);
}
