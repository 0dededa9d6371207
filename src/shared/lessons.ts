/**
 * The workshop lessons' requests and results (plain, chart-ready data), shared by the engine that runs
 * them and the UI that shows them; their knobs use the same ranges and wording as every other setting.
 */
import type { KnobSpec } from './knobs';

/** How the increments are protected. */
export type RaceMode = 'unsynchronised' | 'atomic' | 'mutex';

/** Every mode, in the order the lesson shows them. */
export const RACE_MODES: readonly RaceMode[] = ['unsynchronised', 'atomic', 'mutex'];

/** The lesson's knobs and their allowed ranges. */
export const RACE_KNOBS = {
  workers: {
    key: 'workers',
    flag: 'workers',
    label: 'Workers',
    min: 2,
    max: 16,
    integer: true,
    default: 4,
    help: 'Threads incrementing the one shared counter.',
  },
  increments: {
    key: 'increments',
    flag: 'increments',
    label: 'Increments per worker',
    min: 1,
    max: 10_000_000,
    integer: true,
    default: 1_000_000,
    help: 'How many times each worker does counter = counter + 1.',
  },
  switchIntervalMs: {
    key: 'switchIntervalMs',
    flag: 'switch-interval',
    label: 'GIL switch interval',
    unit: 'ms',
    min: 1,
    max: 100,
    integer: true,
    default: 5,
    help: "The simulated GIL's switch interval for the gil-threads runs.",
  },
} as const satisfies Record<string, KnobSpec>;

/** What to race. */
export interface RaceConditionRequest {
  readonly workers: number;
  /** Increments per worker. */
  readonly increments: number;
  /** Modes on real threads; all three when left out. */
  readonly modes?: readonly RaceMode[];
  /** Also run the unsynchronised code on gil-threads (default true). */
  readonly gilThreads?: boolean;
  /** The GIL's switch interval, like sys.setswitchinterval (default 5 ms). */
  readonly switchIntervalMs?: number;
}

/** One worker's part of a run. */
export interface RaceWorkerShare {
  readonly worker: number;
  readonly increments: number;
  /** From the start line to its last increment. */
  readonly ms: number;
}

/** One race: the expected and the final count, side by side. */
export interface RaceRun {
  readonly model: 'threads' | 'gil-threads';
  readonly mode: RaceMode;
  /** Whether a thread switch could land between the read and the write (gil-threads only). */
  readonly switchInsideIncrement: boolean;
  readonly expected: number;
  readonly final: number;
  /** expected − final: updates overwritten by another worker's stale write. */
  readonly lost: number;
  readonly lostPercent: number;
  /** From the first worker leaving the start line to the last one finishing. */
  readonly wallMs: number;
  readonly workers: readonly RaceWorkerShare[];
}

/** The lesson's result: one run per mode and model. */
export interface RaceConditionResult {
  readonly workers: number;
  readonly increments: number;
  readonly cores: number;
  readonly runs: readonly RaceRun[];
}

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

/** How the two workers order their locks. */
export type DeadlockStrategy = 'opposite-order' | 'global-order';

/** Both strategies, in the order the lesson shows them. */
export const DEADLOCK_STRATEGIES: readonly DeadlockStrategy[] = ['opposite-order', 'global-order'];

/** The lesson's knobs and their allowed ranges. */
export const DEADLOCK_KNOBS = {
  pauseMs: {
    key: 'pauseMs',
    flag: 'pause',
    label: 'Pause while holding a lock',
    unit: 'ms',
    min: 1,
    max: 2000,
    integer: true,
    default: 50,
    help: 'How long each worker holds its first lock before taking the second.',
  },
  reportAfterMs: {
    key: 'reportAfterMs',
    flag: 'report-after',
    label: 'Lock wait timeout',
    unit: 'ms',
    min: 10,
    max: 10_000,
    integer: true,
    default: 200,
    help: 'A lock wait this long is reported and goes into the wait-for graph.',
  },
  giveUpAfterMs: {
    key: 'giveUpAfterMs',
    flag: 'give-up-after',
    label: 'Give up after',
    unit: 'ms',
    min: 100,
    max: 60_000,
    integer: true,
    default: 5000,
    help: 'An attempt that neither finishes nor shows a cycle by then is stopped.',
  },
} as const satisfies Record<string, KnobSpec>;

/** A worker of the lesson. */
export type LockWorker = 'A' | 'B';

/** A lock of the lesson. */
export type LockName = 'L1' | 'L2';

/** What to try. */
export interface DeadlockRequest {
  /** Pause while holding the first lock (and again while holding both); default 50 ms. */
  readonly pauseMs?: number;
  /** A lock wait this long is reported as a timeout and goes into the wait-for graph; default 200 ms. */
  readonly reportAfterMs?: number;
  /** An attempt that neither finishes nor shows a cycle by then is stopped as stalled; default 5000 ms. */
  readonly giveUpAfterMs?: number;
  /** Both when left out. */
  readonly strategies?: readonly DeadlockStrategy[];
}

/** One edge of a wait-for cycle: "A waited 200 ms for L2 held by B". */
export interface DeadlockWait {
  readonly worker: LockWorker;
  readonly waitsFor: LockName;
  readonly heldBy: LockWorker;
  readonly waitedMs: number;
}

/** One event of the timeline, in ms since the attempt started. */
export interface DeadlockTimelineEvent {
  readonly atMs: number;
  readonly worker: LockWorker;
  readonly kind: LockEventKind;
  readonly lock: LockName | null;
  /** Who held the lock this worker waited for ('waiting' and 'wait-report'). */
  readonly heldBy: LockWorker | null;
  readonly waitedMs: number;
}

/** One attempt: what happened and when. */
export interface DeadlockAttempt {
  readonly strategy: DeadlockStrategy;
  readonly orders: Readonly<Record<LockWorker, readonly [LockName, LockName]>>;
  readonly outcome: 'deadlock-detected' | 'completed' | 'stalled';
  /** The wait-for cycle that proved the deadlock; empty otherwise. */
  readonly cycle: readonly DeadlockWait[];
  readonly explanation: string;
  /** When the last worker of the cycle began the wait that closed it. */
  readonly formedAtMs: number | null;
  readonly detectedAtMs: number | null;
  /** From the start to both workers finishing, or to both stuck workers being gone. */
  readonly totalMs: number;
  /** How long terminating the stuck workers took. */
  readonly cleanupMs: number | null;
  readonly events: readonly DeadlockTimelineEvent[];
}

/** The lesson's result. */
export interface DeadlockResult {
  readonly attempts: readonly DeadlockAttempt[];
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

/** What a worker of the deadlock lesson reports about a lock. */
export type LockEventKind = 'acquired' | 'waiting' | 'wait-report' | 'released' | 'done';
