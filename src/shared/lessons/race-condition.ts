/**
 * The race-condition lesson: N workers increment one shared counter — without a lock, with
 * Atomics.add, with a mutex, and under the GIL — and the lost updates are counted.
 */
import { z } from 'zod';
import { knobSchema } from '../knob-schema';
import type { KnobSpec } from '../knobs';
import type { Claim } from '../claims';
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

/** The race-condition lesson's claims. */
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
    if (!run) return { text, model, holds: null, evidence: 'not run this time' };
    const evidence = `final ${formatCount(run.final)} of ${formatCount(run.expected)} (${formatCount(run.lost)} lost)`;
    if (oneCore && result.cores < 2)
      return { text, model, holds: null, evidence: `${evidence}; one core: threads never truly overlap` };
    return { text, model, holds: test(run), evidence };
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
    {
      ...claim(
        'a mutex is exact, and slower than Atomics.add',
        'threads',
        mutex,
        (r) => r.lost === 0 && atomic !== undefined && r.wallMs > atomic.wallMs,
      ),
      ...(mutex && atomic
        ? {
            evidence: `final ${formatCount(mutex.final)} of ${formatCount(mutex.expected)}; ${mutex.wallMs.toFixed(0)} ms vs ${atomic.wallMs.toFixed(0)} ms with Atomics.add`,
          }
        : {}),
    },
    claim(
      'the GIL does not make counter += 1 atomic: a switch between the read and the write loses updates',
      'gil-threads',
      gil,
      (r) => r.lost > 0,
    ),
  ];
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
