/**
 * The data-passing lesson: handing a payload to a worker and back — structured clone, transfer or
 * SharedArrayBuffer, on threads and processes — in milliseconds per megabyte, plus a tiny message's
 * round trip.
 */
import { z } from 'zod';
import { describeRange, type KnobSpec } from '../knobs';
import { knobSchema } from '../knob-schema';
import type { Claim } from '../claims';
import { atLeast, atMost, describeTolerance, withinTolerance, type Tolerance } from '../claim-tolerance';
import type { LessonSpec } from './lesson-spec';
import { formatBytes } from '../format';

/** Where the payload goes. */
export type DataCarrier = 'threads' | 'processes';

/** How it gets there. */
export type DataPassingMode = 'clone' | 'transfer' | 'shared';

const MB = 1024 * 1024;

/** 64 KB to 64 MB, ×4 each step. */
export const DEFAULT_PAYLOAD_SIZES: readonly number[] = [64 * 1024, 256 * 1024, MB, 4 * MB, 16 * MB, 64 * MB];

/** The lesson's knobs and their allowed ranges. */
export const DATA_PASSING_KNOBS = {
  bytes: {
    key: 'bytes',
    flag: 'bytes',
    label: 'Payload size',
    unit: 'bytes',
    min: 1024,
    max: 256 * MB,
    integer: true,
    default: 4 * MB,
    help: 'Bytes sent to the worker and back.',
  },
  sizes: {
    key: 'sizes',
    flag: 'sizes',
    label: 'Sizes',
    min: 1,
    max: 12,
    integer: true,
    default: 6,
    help: 'How many payload sizes to measure.',
  },
  repeats: {
    key: 'repeats',
    flag: 'repeats',
    label: 'Repeats',
    min: 1,
    max: 20,
    integer: true,
    default: 5,
    help: 'Round trips per size and carrier; the median is shown.',
  },
  latencySamples: {
    key: 'latencySamples',
    flag: 'latency-samples',
    label: 'Latency samples',
    min: 10,
    max: 10_000,
    integer: true,
    default: 200,
    help: 'Tiny-message round trips per carrier.',
  },
} as const satisfies Record<string, KnobSpec>;

/** What to measure. */
export interface DataPassingRequest {
  /** Payload sizes in bytes; DEFAULT_PAYLOAD_SIZES when left out. */
  readonly sizes?: readonly number[];
  /** Round trips per size and carrier; the median is reported (default 5). */
  readonly repeats?: number;
  /** Tiny-message round trips per carrier for the latency figure (default 200). */
  readonly latencySamples?: number;
}

/** One carrier, mode and size: the median round trip. */
export interface DataPassingRow {
  readonly carrier: DataCarrier;
  readonly mode: DataPassingMode;
  readonly bytes: number;
  /** Median round trip, to the worker and back, including the far side reading every byte. */
  readonly ms: number;
  /** `ms` per megabyte (2^20 bytes) of payload. */
  readonly msPerMb: number;
  /** Of `ms`, the median time the far side spent reading the payload. */
  readonly touchMs: number;
  /** Every round trip came back complete with the checksum the far side computed, and it was right. */
  readonly ok: boolean;
}

/** The round trip of a tiny message. */
export interface LatencyRow {
  readonly carrier: DataCarrier;
  readonly samples: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

/** A carrier and mode that cannot exist, and why — shown instead of a number. */
export interface UnsupportedCarrier {
  readonly carrier: DataCarrier;
  readonly mode: DataPassingMode;
  readonly reason: string;
}

/** The lesson's result: rows for a ms-per-MB chart, latency, and what processes cannot do. */
export interface DataPassingResult {
  readonly rows: readonly DataPassingRow[];
  readonly latency: readonly LatencyRow[];
  readonly unsupported: readonly UnsupportedCarrier[];
  /** Every row verified. */
  readonly ok: boolean;
}

/** What the lesson streams while it runs: each row as soon as it is measured. */
export interface DataPassingProgress {
  readonly row: DataPassingRow;
}

const sizesCount = `must list ${describeRange(DATA_PASSING_KNOBS.sizes)} sizes`;

const requestSchema = z.strictObject({
  sizes: z
    .array(knobSchema(DATA_PASSING_KNOBS.bytes))
    .min(DATA_PASSING_KNOBS.sizes.min, { error: sizesCount })
    .max(DATA_PASSING_KNOBS.sizes.max, { error: sizesCount })
    .optional(),
  repeats: knobSchema(DATA_PASSING_KNOBS.repeats).optional(),
  latencySamples: knobSchema(DATA_PASSING_KNOBS.latencySamples).optional(),
});

/**
 * How the data-passing claims' words are checked: each compares one way's time per megabyte with
 * another's, at the largest payload, as a ratio. Stated once here; shown with every claim.
 */
export const DATA_PASSING_TOLERANCES = {
  /** "A transfer beats copying": its time is at most the copy's. */
  transferBeatsCopy: atMost(1),
  /** "Shared memory is no slower than a transfer": at most 25% slower (both only hand over a buffer; reading it varies run to run). */
  sharedVsTransfer: atMost(1.25),
  /** "…and faster than a copy": at most the copy's time. */
  sharedVsCopy: atMost(1),
  /** "Processes are the slowest per megabyte": at least the time of a copy to a thread. */
  processesSlowest: atLeast(1),
} as const;

/** The data-passing lesson's claims, read at the largest payload. */
export function dataPassingClaims(result: DataPassingResult): Claim[] {
  const biggest = Math.max(0, ...result.rows.map((r) => r.bytes));
  const row = (carrier: string, mode: string) =>
    result.rows.find((r) => r.carrier === carrier && r.mode === mode && r.bytes === biggest);
  const clone = row('threads', 'clone');
  const transfer = row('threads', 'transfer');
  const shared = row('threads', 'shared');
  const processes = row('processes', 'clone');
  const mb = (r: DataPassingRow): string => `${r.msPerMb.toFixed(2)} ms/MB`;
  const at = `at ${(biggest / 2 ** 20).toFixed(biggest >= 2 ** 20 ? 0 : 2)} MB`;
  const T = DATA_PASSING_TOLERANCES;
  return [
    compareWays({
      text: 'moving a buffer (transfer) beats copying it for big payloads',
      model: 'threads',
      checks: transfer && clone ? [{ ratio: transfer.ms / clone.ms, tolerance: T.transferBeatsCopy }] : null,
      tolerance: describeTolerance(1, T.transferBeatsCopy, "× the copy's time"),
      evidence: transfer && clone ? `transfer ${mb(transfer)} vs copy ${mb(clone)} ${at}` : '',
      cause: 'the payload is too small for the copy to cost more than the hand-over, or the run was noisy',
    }),
    compareWays({
      text: 'shared memory crosses no data at all: no slower than a transfer, and faster than a copy',
      model: 'threads',
      checks:
        shared && transfer && clone
          ? [
              { ratio: shared.ms / transfer.ms, tolerance: T.sharedVsTransfer },
              { ratio: shared.ms / clone.ms, tolerance: T.sharedVsCopy },
            ]
          : null,
      tolerance: `${describeTolerance(1, T.sharedVsTransfer, "× a transfer's time")}, and ${describeTolerance(1, T.sharedVsCopy, "× the copy's time").replace('holds ', '')}`,
      evidence:
        shared && transfer && clone
          ? `shared ${mb(shared)} vs transfer ${mb(transfer)} and copy ${mb(clone)} ${at}`
          : '',
      cause:
        'neither a transfer nor shared memory copies the payload: what is left is the far side reading every byte, whose time varies from run to run (fresh memory touched for the first time, the garbage collector)',
    }),
    compareWays({
      text: 'processes can only copy, through a pipe: the slowest per megabyte',
      model: 'processes',
      checks:
        processes && clone
          ? [{ ratio: processes.msPerMb / clone.msPerMb, tolerance: T.processesSlowest }]
          : null,
      tolerance: describeTolerance(1, T.processesSlowest, "× a thread copy's time"),
      evidence:
        processes && clone ? `processes ${mb(processes)} vs a copy to a thread ${mb(clone)} ${at}` : '',
      cause:
        'the payload is too small for the pipe to cost more than structured clone to a thread, or the run was noisy',
    }),
    {
      text: 'every payload came back with the right checksum',
      model: null,
      holds: result.ok,
      evidence: `${result.rows.filter((r) => r.ok).length} of ${result.rows.length} rows verified`,
    },
  ];
}

/** One comparison of ways at the largest payload: holds when every ratio is within its tolerance. */
function compareWays(comparison: {
  readonly text: string;
  readonly model: DataCarrier;
  /** null when a way was not measured at that size. */
  readonly checks: readonly { readonly ratio: number; readonly tolerance: Tolerance }[] | null;
  readonly tolerance: string;
  readonly evidence: string;
  readonly cause: string;
}): Claim {
  const { text, model, checks, tolerance, evidence, cause } = comparison;
  if (!checks)
    return { text, model, holds: null, evidence: 'not measured at this size', tolerance, timed: true };
  const holds = checks.every(({ ratio, tolerance: band }) => withinTolerance(ratio, 1, band));
  return { text, model, holds, evidence, tolerance, timed: true, ...(holds ? {} : { cause }) };
}

/** The payload sizes measured, smallest first. */
function measuredSizes(result: DataPassingResult): number[] {
  return [...new Set(result.rows.map((row) => row.bytes))].sort((a, b) => a - b);
}

/** The data-passing lesson's spec. */
export const dataPassingLesson: LessonSpec<
  'data-passing',
  DataPassingRequest,
  DataPassingResult,
  DataPassingProgress
> = {
  id: 'data-passing',
  title: 'Passing data between workers',
  summary: 'copy, move or share',
  knobs: DATA_PASSING_KNOBS,
  request: requestSchema,
  // No trace: the lesson measures round trips, not a timeline.
  exportFormats: ['csv', 'json', 'markdown'],
  settings: (request, result) => {
    const sizes = measuredSizes(result);
    return [
      ...(sizes.length > 0
        ? [['sizes', `${formatBytes(sizes[0]!)}–${formatBytes(sizes[sizes.length - 1]!)}`] as const]
        : []),
      ...(request.repeats !== undefined ? [['repeats', request.repeats] as const] : []),
      ...(request.latencySamples !== undefined ? [['latency-samples', request.latencySamples] as const] : []),
    ];
  },
  headline: (result) => {
    const largest = Math.max(0, ...result.rows.map((row) => row.bytes));
    const at = result.rows.filter((row) => row.bytes === largest);
    const parts = at.map((row) => `${row.carrier} ${row.mode} ${row.msPerMb.toFixed(2)} ms/MB`);
    const verified = result.ok ? 'every payload verified' : 'a payload came back wrong';
    return at.length > 0 ? `At ${formatBytes(largest)}: ${parts.join(' · ')}; ${verified}` : verified;
  },
  claims: dataPassingClaims,
};
