/**
 * The race-condition lesson: N workers increment one shared counter — without a lock, with
 * Atomics.add, with a mutex, and under the GIL — and the lost updates are counted.
 */
import { z } from 'zod';
import { knobSchema } from '../knob-schema';
import { POOL_KNOBS, type KnobSpec } from '../knobs';
import type { Claim } from '../claims';
import { atLeast, describeTolerance, withinTolerance } from '../claim-tolerance';
import { formatCount, formatPercent } from '../format';
import type { LessonSpec } from './lesson-spec';

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
  // The one GIL switch-interval range of the lab (the race's pool knob), with this lesson's help.
  switchIntervalMs: {
    ...POOL_KNOBS.switchIntervalMs,
    help: "The simulated GIL's switch interval for the gil-threads runs (sys.setswitchinterval; CPython: 5 ms).",
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

const requestSchema = z.strictObject({
  workers: knobSchema(RACE_KNOBS.workers),
  increments: knobSchema(RACE_KNOBS.increments),
  modes: z
    .array(z.enum(RACE_MODES, { error: `must be one of: ${RACE_MODES.join(', ')}` }))
    .min(1)
    .max(3)
    .optional(),
  gilThreads: z.boolean({ error: 'must be true or false' }).optional(),
  switchIntervalMs: knobSchema(RACE_KNOBS.switchIntervalMs).optional(),
});

/** How the race-condition lesson's timed claim is checked: the mutex's time at least Atomics.add's. */
export const RACE_TOLERANCES = {
  mutexSlower: atLeast(1),
} as const;

/** The race-condition lesson's claims; lost updates are counted exactly, only the mutex's cost is timed. */
export function raceConditionClaims(result: RaceConditionResult): Claim[] {
  const find = (model: 'threads' | 'gil-threads', mode: string, switchInside?: boolean) =>
    result.runs.find(
      (r) =>
        r.model === model &&
        r.mode === mode &&
        (switchInside === undefined || r.switchInsideIncrement === switchInside),
    );
  const unsync = find('threads', 'unsynchronised');
  const atomic = find('threads', 'atomic');
  const mutex = find('threads', 'mutex');
  const gil = find('gil-threads', 'unsynchronised', true);
  const claim = (
    text: string,
    model: RaceRun['model'],
    run: RaceRun | undefined,
    test: (r: RaceRun) => boolean,
    oneCore = false,
  ): Claim => {
    // Lost updates on real threads need two threads running at once: a busy machine can deny them that.
    const timing = oneCore ? { timed: true } : {};
    if (!run) return { text, model, holds: null, evidence: 'not run this time', ...timing };
    const evidence = `final ${formatCount(run.final)} of ${formatCount(run.expected)} (${formatCount(run.lost)} lost)`;
    if (oneCore && result.cores < 2)
      return {
        text,
        model,
        holds: null,
        evidence: `${evidence}; one core: threads never truly overlap`,
        ...timing,
      };
    return { text, model, holds: test(run), evidence, ...timing };
  };
  return [
    claim(
      'unsynchronised increments on real threads lose updates',
      'threads',
      unsync,
      (r) => r.lost > 0,
      true,
    ),
    claim('Atomics.add is exact', 'threads', atomic, (r) => r.lost === 0),
    claim('a mutex is exact', 'threads', mutex, (r) => r.lost === 0),
    mutexSlowerClaim(mutex, atomic),
    claim(
      'the GIL does not make counter += 1 atomic: a switch between the read and the write loses updates',
      'gil-threads',
      gil,
      (r) => r.lost > 0,
    ),
  ];
}

/** The one timed claim: the mutex's wall time against Atomics.add's, within RACE_TOLERANCES. */
function mutexSlowerClaim(mutex: RaceRun | undefined, atomic: RaceRun | undefined): Claim {
  const band = RACE_TOLERANCES.mutexSlower;
  const claim = {
    text: 'a mutex is slower than Atomics.add: every increment takes and releases a lock',
    model: 'threads' as const,
    timed: true,
    tolerance: describeTolerance(1, band, "× Atomics.add's time"),
  };
  if (!mutex || !atomic) return { ...claim, holds: null, evidence: 'not run this time' };
  const evidence = `${mutex.wallMs.toFixed(0)} ms with the mutex vs ${atomic.wallMs.toFixed(0)} ms with Atomics.add`;
  const holds = atomic.wallMs > 0 ? withinTolerance(mutex.wallMs / atomic.wallMs, 1, band) : mutex.wallMs > 0;
  const cause =
    'too few increments per worker: starting the threads costs more than the locking, or the workers hardly overlapped';
  return { ...claim, holds, evidence, ...(holds ? {} : { cause }) };
}

/** Who protected the increments, and how, in the history's words: "no lock", "GIL, switch inside +=". */
function headlineWho(run: RaceRun): string {
  if (run.model === 'gil-threads')
    return `GIL, switch ${run.switchInsideIncrement ? 'inside' : 'between'} +=`;
  return run.mode === 'unsynchronised' ? 'no lock' : run.mode === 'atomic' ? 'Atomics.add' : 'mutex';
}

/** The race-condition lesson's spec. */
export const raceConditionLesson: LessonSpec<'race-condition', RaceConditionRequest, RaceConditionResult> = {
  id: 'race-condition',
  title: 'Race condition',
  summary: 'lost updates, Atomics, a mutex',
  knobs: RACE_KNOBS,
  request: requestSchema,
  exportFormats: ['csv', 'json', 'markdown', 'trace'],
  settings: (request) => [
    ['workers', request.workers],
    ['increments', request.increments],
    ...(request.switchIntervalMs !== undefined
      ? [['switch-interval', request.switchIntervalMs] as const]
      : []),
  ],
  headline: (result) =>
    result.runs
      .map(
        (run) => `${headlineWho(run)} ${run.lost === 0 ? 'exact' : `lost ${formatPercent(run.lostPercent)}`}`,
      )
      .join(' · '),
  claims: raceConditionClaims,
};
