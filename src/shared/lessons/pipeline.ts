/**
 * The pipeline lesson: an async producer, a bounded queue, a pool of consumers (threads or processes)
 * and a SQLite sink — backpressure, live, and a check that every item was written exactly once.
 */
import { z } from 'zod';
import { knobSchema } from '../knob-schema';
import type { KnobSpec } from '../knobs';
import type { Claim } from '../claims';
import { formatPercent, formatShare } from '../format';
import type { LessonSpec } from './lesson-spec';

/** Where the consumers run. */
export type PipelineCarrier = 'threads' | 'processes';

/** The lesson's knobs and their allowed ranges. */
export const PIPELINE_KNOBS = {
  items: {
    key: 'items',
    flag: 'items',
    label: 'Items',
    min: 1,
    max: 1_000_000,
    integer: true,
    default: 2000,
    help: 'Items the producer produces.',
  },
  ratePerSecond: {
    key: 'ratePerSecond',
    flag: 'rate',
    label: 'Producer rate',
    unit: 'items/s',
    min: 1,
    max: 1_000_000,
    integer: true,
    default: null,
    unsetMeans: 'as fast as the queue takes them',
    help: 'Items the producer offers per second.',
  },
  capacity: {
    key: 'capacity',
    flag: 'capacity',
    label: 'Queue capacity',
    min: 1,
    max: 10_000,
    integer: true,
    default: 8,
    help: 'Items the bounded queue holds before the producer must wait.',
  },
  consumers: {
    key: 'consumers',
    flag: 'consumers',
    label: 'Consumers',
    min: 1,
    max: 64,
    integer: true,
    default: null,
    unsetMeans: 'one per core',
    help: 'Workers taking items from the queue.',
  },
  roundsPerItem: {
    key: 'roundsPerItem',
    flag: 'rounds',
    label: 'Work per item',
    unit: 'rounds',
    min: 0,
    max: 10_000_000,
    integer: true,
    default: 100_000,
    help: 'CPU work per item, in mixing rounds.',
  },
} as const satisfies Record<string, KnobSpec>;

/** What to run. */
export interface PipelineRequest {
  readonly items: number;
  /** Items the producer offers per second; null (the default) offers them as fast as the queue takes them. */
  readonly ratePerSecond?: number | null;
  /** Queue capacity (default 8). */
  readonly capacity?: number;
  /** Consumers (default: one per core). */
  readonly consumers?: number;
  readonly carrier?: PipelineCarrier;
  /** CPU work per item, in mixing rounds (default 100,000: a fraction of a millisecond). */
  readonly roundsPerItem?: number;
}

/** The pipeline at one moment; rates are items per second over the last half second. */
export interface PipelinePoint {
  /** Since the producer started. */
  readonly atMs: number;
  readonly queueDepth: number;
  readonly produced: number;
  readonly consumed: number;
  readonly written: number;
  readonly producerRate: number;
  readonly consumerRate: number;
  /** Total time the producer has spent waiting for room in the queue, so far. */
  readonly producerBlockedMs: number;
}

/** The sink's check that every produced item was written exactly once. */
export interface ExactlyOnceCheck {
  readonly expected: number;
  readonly rows: number;
  readonly distinctIds: number;
  /** Rows beyond the first for an id. */
  readonly duplicates: number;
  /** Produced ids with no row. */
  readonly missing: number;
  /** Rows whose id was never produced. */
  readonly unknown: number;
  /** Up to ten examples of each problem, for the message. */
  readonly missingIds: readonly number[];
  readonly duplicateIds: readonly number[];
  readonly exactlyOnce: boolean;
}

/** The lesson's result: totals, the exactly-once verdict and the series for the charts. */
export interface PipelineResult {
  readonly carrier: PipelineCarrier;
  readonly consumers: readonly { readonly label: string; readonly items: number }[];
  readonly capacity: number;
  readonly produced: number;
  readonly consumed: number;
  readonly written: number;
  readonly check: ExactlyOnceCheck;
  /** Rows whose digest was recomputed here, and how many of those were wrong. */
  readonly digestsChecked: number;
  readonly digestsWrong: number;
  /** Every item written exactly once, with the right value. */
  readonly exactlyOnce: boolean;
  readonly startupMs: number;
  /** From the first item produced to the last row written. */
  readonly wallMs: number;
  readonly producerBlockedMs: number;
  readonly maxQueueDepth: number;
  /** Average items per second over the whole run. */
  readonly producerRate: number;
  readonly consumerRate: number;
  readonly series: readonly PipelinePoint[];
}

/** What the lesson streams while it runs: a point of the queue and its rates, 20 times a second. */
export interface PipelineProgress {
  readonly point: PipelinePoint;
}

const requestSchema = z.strictObject({
  items: knobSchema(PIPELINE_KNOBS.items),
  ratePerSecond: knobSchema(PIPELINE_KNOBS.ratePerSecond).nullable().optional(),
  capacity: knobSchema(PIPELINE_KNOBS.capacity).optional(),
  consumers: knobSchema(PIPELINE_KNOBS.consumers).optional(),
  carrier: z.enum(['threads', 'processes'], { error: 'must be threads or processes' }).optional(),
  roundsPerItem: knobSchema(PIPELINE_KNOBS.roundsPerItem).optional(),
});

/**
 * A producer wait below both bounds shows no backpressure: when the producer is paced below the
 * consumers' rate it still waits a fraction of a millisecond at start-up (the first items arrive
 * before the consumers' first takes), plus event-loop jitter. 10 ms is a few event-loop turns and a
 * fifth of one live-chart tick; 5% of the run is too little to slow the producer visibly. A wait
 * past either bound is real: the queue was full and held the producer back.
 */
const NEGLIGIBLE_BLOCKED_MS = 10;
const NEGLIGIBLE_BLOCKED_SHARE = 0.05;

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** The backpressure claim: undecided when the producer hardly waited, since the consumers then kept up. */
function backpressureClaim(result: PipelineResult): Claim {
  const text =
    'when consumers are slower than the producer, the full queue makes the producer wait (backpressure)';
  const tolerance = `judged when the producer waited ${NEGLIGIBLE_BLOCKED_MS} ms or ${formatPercent(NEGLIGIBLE_BLOCKED_SHARE * 100)} of the run; holds when the queue was full`;
  const blocked = result.producerBlockedMs;
  const peak = `the queue peaked at ${result.maxQueueDepth} of ${result.capacity}`;
  const share = result.wallMs > 0 ? blocked / result.wallMs : 0;
  if (blocked < NEGLIGIBLE_BLOCKED_MS && share < NEGLIGIBLE_BLOCKED_SHARE)
    return {
      text,
      model: null,
      holds: null,
      timed: true,
      tolerance,
      evidence: `the producer waited only ${ms(blocked)} for room in a ${ms(result.wallMs)} run, which is negligible: the consumers kept up, so the queue never had to hold it back; ${peak}`,
    };
  // The producer waits only on a full queue: a wait without the queue ever full is not backpressure.
  const holds = result.maxQueueDepth >= result.capacity;
  return {
    text,
    model: null,
    holds,
    timed: true,
    tolerance,
    evidence: `the producer waited ${ms(blocked)} for room, ${formatShare(share)} of the run; ${peak}`,
    ...(holds
      ? {}
      : {
          cause:
            'the producer waited for something other than room in the queue (starting the consumers, the event loop)',
        }),
  };
}

/** The pipeline lesson's claims: about the queue and the sink, whichever carrier the consumers ran on. */
export function pipelineClaims(result: PipelineResult): Claim[] {
  return [
    {
      text: 'every produced item is written exactly once',
      model: null,
      holds: result.exactlyOnce,
      evidence: `${result.check.rows} rows, ${result.check.distinctIds} distinct, ${result.check.missing} missing, ${result.check.duplicates} duplicated, of ${result.produced} produced`,
    },
    {
      text: 'the bounded queue never holds more than its capacity',
      model: null,
      holds: result.maxQueueDepth <= result.capacity,
      evidence: `at most ${result.maxQueueDepth} waiting, capacity ${result.capacity}`,
    },
    backpressureClaim(result),
  ];
}

/** The pipeline lesson's spec. */
export const pipelineLesson: LessonSpec<'pipeline', PipelineRequest, PipelineResult, PipelineProgress> = {
  id: 'pipeline',
  title: 'Producer/consumer pipeline',
  summary: 'bounded queue, backpressure',
  knobs: PIPELINE_KNOBS,
  request: requestSchema,
  exportFormats: ['csv', 'json', 'markdown', 'trace'],
  settings: (request, result) => [
    ['items', request.items],
    ['consumers', `${result.consumers.length} ${result.carrier}`],
    ['capacity', result.capacity],
    ...(request.ratePerSecond !== undefined && request.ratePerSecond !== null
      ? [['rate', request.ratePerSecond] as const]
      : []),
    ...(request.roundsPerItem !== undefined ? [['work', request.roundsPerItem] as const] : []),
  ],
  headline: (r) => {
    const once = r.exactlyOnce ? 'every item written exactly once' : 'items lost or duplicated';
    const blocked = r.wallMs > 0 ? formatPercent((100 * r.producerBlockedMs) / r.wallMs) : '0%';
    return `${r.written} of ${r.produced} written, ${once}; ${Math.round(r.consumerRate)} items/s; producer blocked ${blocked} of the run`;
  },
  claims: pipelineClaims,
};
