/**
 * The deadlock lesson: two workers take two locks in opposite order and deadlock — found by a lock
 * wait timeout and a wait-for graph — then take them in one global order and complete.
 */
import { z } from 'zod';
import { knobSchema } from '../knob-schema';
import type { KnobSpec } from '../knobs';
import type { Claim } from '../claims';
import type { LessonSpec } from './lesson-spec';

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

/** What a worker of the deadlock lesson reports about a lock. */
export type LockEventKind = 'acquired' | 'waiting' | 'wait-report' | 'released' | 'done';

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

const requestSchema = z.strictObject({
  pauseMs: knobSchema(DEADLOCK_KNOBS.pauseMs).optional(),
  reportAfterMs: knobSchema(DEADLOCK_KNOBS.reportAfterMs).optional(),
  giveUpAfterMs: knobSchema(DEADLOCK_KNOBS.giveUpAfterMs).optional(),
  strategies: z
    .array(z.enum(DEADLOCK_STRATEGIES, { error: `must be one of: ${DEADLOCK_STRATEGIES.join(', ')}` }))
    .min(1)
    .max(2)
    .optional(),
});

/** The deadlock lesson's claims: about lock order, not about one model. */
export function deadlockClaims(result: DeadlockResult): Claim[] {
  const attempt = (strategy: string) => result.attempts.find((a) => a.strategy === strategy);
  const opposite = attempt('opposite-order');
  const ordered = attempt('global-order');
  return [
    opposite
      ? {
          text: 'two locks taken in opposite order deadlock, and a timeout reveals the cycle',
          model: null,
          holds: opposite.outcome === 'deadlock-detected',
          evidence:
            opposite.cycle.length > 0
              ? opposite.cycle
                  .map(
                    (w) =>
                      `${w.worker} waited ${w.waitedMs.toFixed(0)} ms for ${w.waitsFor} held by ${w.heldBy}`,
                  )
                  .join('; ')
              : `outcome: ${opposite.outcome}`,
        }
      : {
          text: 'two locks taken in opposite order deadlock',
          model: null,
          holds: null,
          evidence: 'not run this time',
        },
    ordered
      ? {
          text: 'taking the locks in one global order never deadlocks',
          model: null,
          holds: ordered.outcome === 'completed',
          evidence: `outcome: ${ordered.outcome} in ${ordered.totalMs.toFixed(0)} ms`,
        }
      : {
          text: 'taking the locks in one global order never deadlocks',
          model: null,
          holds: null,
          evidence: 'not run this time',
        },
  ];
}

/** The deadlock lesson's spec. */
export const deadlockLesson: LessonSpec<'deadlock', DeadlockRequest, DeadlockResult> = {
  id: 'deadlock',
  title: 'Deadlock',
  summary: 'two locks, opposite order',
  knobs: DEADLOCK_KNOBS,
  request: requestSchema,
  exportFormats: ['csv', 'json', 'markdown', 'trace'],
  settings: (request) => [
    ...(request.pauseMs !== undefined ? [['pause-ms', request.pauseMs] as const] : []),
    ...(request.reportAfterMs !== undefined ? [['timeout-ms', request.reportAfterMs] as const] : []),
  ],
  headline: (result) =>
    result.attempts
      .map((a) =>
        a.outcome === 'deadlock-detected'
          ? `${a.strategy}: deadlock detected after ${Math.round(a.detectedAtMs ?? a.totalMs)} ms`
          : `${a.strategy}: ${a.outcome} in ${Math.round(a.totalMs)} ms`,
      )
      .join(' · '),
  claims: deadlockClaims,
};
