/**
 * The responsiveness slice: the lab's settings as typed, the job or async trap in progress, one
 * result row per press (with its verdict computed from the measurements) and the last async traps.
 */
import { formatKnobNumber, knobProblem } from '../../../shared/knobs';
import {
  JOB_KNOBS,
  responsivenessVerdict,
  type AsyncTrapResult,
  type JobPlacement,
  type Responsiveness,
} from '../../../shared/responsiveness';
import type { LabSliceCreator, LabState } from './lab-store';
import { selectLessonRunningBlocker } from './lessons-slice';
import { selectRunActive } from './run-slice';
import { parseNumberText } from './setup-request';

/** A setting of the lab. */
export type JobKnobKey = keyof typeof JOB_KNOBS;

/** Where long tasks were counted from. */
export type LongTaskSource = 'longtask' | 'frame-gaps';

/** What one press measured, before its verdict. */
export interface JobMeasurement {
  readonly placement: JobPlacement;
  /** The job's size, as asked for (its CPU time on this machine), ms. */
  readonly durationMs: number;
  /** For the chunked placement: how often it yielded, ms. */
  readonly chunkMs: number | null;
  /** From the press to the result: the user's wait, ms. */
  readonly jobMs: number;
  readonly longestGapMs: number;
  readonly droppedFrames: number;
  readonly longTasks: number;
  readonly longTaskSource: LongTaskSource;
  /** The main process's longest event-loop stall during the job, ms; null when no sample arrived. */
  readonly mainLoopDelayMaxMs: number | null;
  /** Primes counted, and whether that is the planned answer. */
  readonly count: number;
  readonly ok: boolean;
}

/** One row of the results table. */
export interface JobRow extends JobMeasurement {
  readonly id: number;
  readonly verdict: Responsiveness;
}

/** What is in progress: a job in one placement, or the async trap. */
export type LabActivity =
  | { readonly kind: 'job'; readonly placement: JobPlacement }
  | { readonly kind: 'trap'; readonly blocking: boolean };

/** The lab's part of the state. */
export interface ResponsivenessState {
  readonly knobText: Readonly<Record<JobKnobKey, string>>;
  readonly active: LabActivity | null;
  /** One per press, oldest first. */
  readonly rows: readonly JobRow[];
  /** The last async trap of each kind, so the two can be compared side by side. */
  readonly traps: { readonly awaited: AsyncTrapResult | null; readonly blocking: AsyncTrapResult | null };
  /** Why the last press failed, in words. */
  readonly error: string | null;
}

/** The lab's state and events. */
export interface ResponsivenessSlice {
  readonly responsiveness: ResponsivenessState;
  jobKnobEdited(key: JobKnobKey, text: string): void;
  /** A job button was pressed: the stall alert of the last job goes. */
  jobStarted(placement: JobPlacement): void;
  jobMeasured(measurement: JobMeasurement): void;
  jobFailed(message: string): void;
  trapStarted(blocking: boolean): void;
  trapFinished(result: AsyncTrapResult): void;
  trapFailed(message: string): void;
}

/** Rows kept; older presses scroll away. */
export const ROWS_KEPT = 100;

const DEFAULT_TEXT = Object.fromEntries(
  Object.values(JOB_KNOBS).map((knob) => [knob.key, formatKnobNumber(knob.default)]),
) as Record<JobKnobKey, string>;

/** The row a measurement makes: the verdict comes from the numbers, never from where it ran. */
export function jobRow(measurement: JobMeasurement, id: number): JobRow {
  return {
    ...measurement,
    id,
    verdict: responsivenessVerdict(measurement.longestGapMs, measurement.mainLoopDelayMaxMs),
  };
}

/** Creates the responsiveness slice. */
export const createResponsivenessSlice: LabSliceCreator<ResponsivenessSlice> = (set) => ({
  responsiveness: {
    knobText: DEFAULT_TEXT,
    active: null,
    rows: [],
    traps: { awaited: null, blocking: null },
    error: null,
  },
  jobKnobEdited: (key, text) =>
    set((s) => ({
      responsiveness: { ...s.responsiveness, knobText: { ...s.responsiveness.knobText, [key]: text } },
    })),
  jobStarted: (placement) =>
    set((s) => ({
      responsiveness: { ...s.responsiveness, active: { kind: 'job', placement }, error: null },
      heartbeat: { ...s.heartbeat, stall: null },
    })),
  jobMeasured: (measurement) =>
    set((s) => {
      const id = (s.responsiveness.rows.at(-1)?.id ?? 0) + 1;
      const rows = [...s.responsiveness.rows, jobRow(measurement, id)].slice(-ROWS_KEPT);
      return { responsiveness: { ...s.responsiveness, active: null, rows } };
    }),
  jobFailed: (message) =>
    set((s) => ({ responsiveness: { ...s.responsiveness, active: null, error: message } })),
  trapStarted: (blocking) =>
    set((s) => ({
      responsiveness: { ...s.responsiveness, active: { kind: 'trap', blocking }, error: null },
      heartbeat: { ...s.heartbeat, stall: null },
    })),
  trapFinished: (result) =>
    set((s) => ({
      responsiveness: {
        ...s.responsiveness,
        active: null,
        traps: { ...s.responsiveness.traps, [result.blocking ? 'blocking' : 'awaited']: result },
      },
    })),
  trapFailed: (message) =>
    set((s) => ({ responsiveness: { ...s.responsiveness, active: null, error: message } })),
});

/** A setting's text. */
export const selectJobKnobText = (s: LabState, key: JobKnobKey): string => s.responsiveness.knobText[key];

/** The problem with a setting as typed, worded like every other knob's, or null. */
export function selectJobKnobError(s: LabState, key: JobKnobKey): string | null {
  const value = parseNumberText(s.responsiveness.knobText[key]);
  return knobProblem(JOB_KNOBS[key], value ?? Number.NaN);
}

/** A setting's value, or null while it is invalid. */
export function selectJobKnob(s: LabState, key: JobKnobKey): number | null {
  return selectJobKnobError(s, key) === null ? parseNumberText(s.responsiveness.knobText[key])! : null;
}

/** Whether a job or the async trap is in progress. */
export const selectLabBusy = (s: LabState): boolean => s.responsiveness.active !== null;

/**
 * Why a press using these settings cannot happen now, or null when it can: one thing is measured at
 * a time, so a run (from any view), a lesson or another job blocks it.
 */
export function selectJobBlocker(s: LabState, needs: readonly JobKnobKey[]): string | null {
  if (s.connection.state !== 'open') return 'Not connected to the engine.';
  if (s.catalog.status !== 'loaded') return 'Waiting for the engine to describe this machine.';
  if (s.responsiveness.active) return 'A job is running: one at a time, so each is measured alone.';
  // Like a run, a lesson's threads and processes would disturb the frames and loop delay a job
  // measures, even a job on this page's thread or in a Web Worker: every placement waits.
  const lesson = selectLessonRunningBlocker(s);
  if (lesson) return lesson;
  if (selectRunActive(s)) return 'A run is in progress: the lab measures one thing at a time.';
  if (needs.some((key) => selectJobKnobError(s, key) !== null)) return 'Fix the fields marked above.';
  return null;
}

/** The result rows, oldest first. */
export const selectJobRows = (s: LabState): readonly JobRow[] => s.responsiveness.rows;

/** The newest row, for "the last job" figures. */
export const selectLastJobRow = (s: LabState): JobRow | undefined => s.responsiveness.rows.at(-1);

/**
 * The chunked job's trade-off in numbers, from the newest chunked row and the newest blocking
 * main-thread row of the same size: how much longer the wait was, and how late the loop got.
 */
export function chunkTradeOff(
  rows: readonly JobRow[],
): { readonly chunked: JobRow; readonly blocking: JobRow; readonly slowdown: number } | null {
  const chunked = rows.findLast((row) => row.placement === 'main-thread-chunked');
  if (!chunked) return null;
  const blocking = rows.findLast(
    (row) => row.placement === 'main-thread' && row.durationMs === chunked.durationMs,
  );
  if (!blocking || blocking.jobMs <= 0) return null;
  return { chunked, blocking, slowdown: chunked.jobMs / blocking.jobMs };
}
