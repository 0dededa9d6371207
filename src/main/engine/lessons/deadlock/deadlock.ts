/**
 * Lesson: a deadlock, and the fix. Two worker threads take two AtomicsMutexes in opposite order with
 * a pause in between, so each ends up holding one lock and waiting for the other. Their lock waits time
 * out and say so in shared memory; the engine builds the wait-for graph from those reports, finds the
 * cycle, and terminates both threads. Then both take the locks in one global order, and finish.
 */
import {
  DEADLOCK_KNOBS,
  DEADLOCK_STRATEGIES,
  type DeadlockAttempt,
  type DeadlockRequest,
  type DeadlockResult,
  type DeadlockStrategy,
  type DeadlockWait,
  type LockName,
  type LockWorker,
} from '../../../../shared/lessons/deadlock';
import { epochNow } from '../../../../shared/clock';
import {
  createLockPairBuffer,
  readLockEvents,
  type LockEvent,
  type LockPairInput,
} from '../../../../workers/workloads/lock-pair';
import { isCancellation } from '../../errors';
import type { TaskEvent, TaskSpec } from '../../../../workers/protocol/executor';
import { threadWorkerFactory } from '../../models/pool-workers';
import { WorkerPool } from '../../models/worker-pool';
import {
  checkInteger,
  LessonInputError,
  round3,
  throwIfCancelled,
  type LessonEnvironment,
} from '../lesson-environment';
import { findWaitCycle, openWaits, type WaitForEdge } from './wait-for-graph';

const ORDERS: Readonly<Record<DeadlockStrategy, DeadlockAttempt['orders']>> = {
  'opposite-order': { A: ['L1', 'L2'], B: ['L2', 'L1'] },
  'global-order': { A: ['L1', 'L2'], B: ['L1', 'L2'] },
};
const WORKERS: readonly LockWorker[] = ['A', 'B'];
const LOCK_NAMES: readonly LockName[] = ['L1', 'L2'];
const POLL_MS = 5;

interface Settings {
  readonly pauseMs: number;
  readonly reportAfterMs: number;
  readonly giveUpAfterMs: number;
}

/** Runs each strategy once, on two fresh worker threads; rejects with a CancelledError when the signal aborts. */
export async function runDeadlockLesson(
  request: DeadlockRequest,
  env: LessonEnvironment,
): Promise<DeadlockResult> {
  const settings: Settings = {
    pauseMs: request.pauseMs ?? 50,
    reportAfterMs: request.reportAfterMs ?? 200,
    giveUpAfterMs: request.giveUpAfterMs ?? 5000,
  };
  for (const key of ['pauseMs', 'reportAfterMs', 'giveUpAfterMs'] as const)
    checkInteger(key, settings[key], DEADLOCK_KNOBS[key]);
  const strategies = request.strategies ?? DEADLOCK_STRATEGIES;
  for (const strategy of strategies)
    if (!DEADLOCK_STRATEGIES.includes(strategy))
      throw new LessonInputError(
        `strategy must be one of ${DEADLOCK_STRATEGIES.join(', ')} (got ${String(strategy)})`,
      );
  const attempts: DeadlockAttempt[] = [];
  for (const strategy of strategies) {
    throwIfCancelled(env.signal);
    attempts.push(await attempt(strategy, settings, env));
  }
  return { attempts };
}

type Verdict =
  | { readonly kind: 'completed' }
  | { readonly kind: 'cycle'; readonly edges: WaitForEdge[] }
  | { readonly kind: 'stalled' };

async function attempt(
  strategy: DeadlockStrategy,
  settings: Settings,
  env: LessonEnvironment,
): Promise<DeadlockAttempt> {
  const orders = ORDERS[strategy];
  const buffer = createLockPairBuffer();
  const pool = new WorkerPool(threadWorkerFactory({ script: env.hostScripts.threadHost }), {
    size: 2,
    taskTimeoutMs: null,
  });
  const stop = new AbortController();
  const signal = env.signal ? AbortSignal.any([env.signal, stop.signal]) : stop.signal;
  let timer: NodeJS.Timeout | null = null;
  try {
    await pool.start();
    throwIfCancelled(env.signal);
    const origin = epochNow();
    const tasks: TaskSpec[] = WORKERS.map((worker, i) => {
      const input: LockPairInput = {
        buffer,
        workerId: i + 1,
        workers: 2,
        order: [LOCK_NAMES.indexOf(orders[worker][0]), LOCK_NAMES.indexOf(orders[worker][1])],
        pauseMs: settings.pauseMs,
        reportEveryMs: settings.reportAfterMs,
        originEpoch: origin,
      };
      return { workload: 'lock-pair', input };
    });
    const failures: string[] = [];
    const onEvent = (event: TaskEvent): void => void (event.type === 'failed' && failures.push(event.error));
    const run = pool.runTasks(tasks, onEvent, signal).then((): Verdict => ({ kind: 'completed' }));
    const watched = new Promise<Verdict>((resolve) => {
      timer = setInterval(() => {
        const edges = findWaitCycle(openWaits(readLockEvents(buffer)));
        if (edges) resolve({ kind: 'cycle', edges });
        else if (epochNow() - origin > settings.giveUpAfterMs) resolve({ kind: 'stalled' });
      }, POLL_MS);
    });
    const verdict = await Promise.race([run, watched]);
    clearInterval(timer ?? undefined);
    const decidedAt = epochNow();
    if (verdict.kind === 'completed' && failures.length > 0)
      throw new Error(`deadlock lesson: ${failures[0]}`);
    let cleanupMs: number | null = null;
    if (verdict.kind !== 'completed') {
      // The stuck threads never return: terminating them is the only way out.
      stop.abort();
      await run.catch((error: unknown) => {
        if (!isCancellation(error)) throw error;
      });
      await pool.close();
      throwIfCancelled(env.signal);
      cleanupMs = round3(epochNow() - decidedAt);
    }
    return summarise(strategy, verdict, readLockEvents(buffer), {
      detectedAtMs: verdict.kind === 'cycle' ? round3(decidedAt - origin) : null,
      totalMs: round3(epochNow() - origin),
      cleanupMs,
      giveUpAfterMs: settings.giveUpAfterMs,
    });
  } finally {
    clearInterval(timer ?? undefined);
    await pool.close();
  }
}

const name = (workerId: number): LockWorker => WORKERS[workerId - 1] ?? 'A';

function summarise(
  strategy: DeadlockStrategy,
  verdict: Verdict,
  events: readonly LockEvent[],
  times: { detectedAtMs: number | null; totalMs: number; cleanupMs: number | null; giveUpAfterMs: number },
): DeadlockAttempt {
  const cycle: DeadlockWait[] =
    verdict.kind === 'cycle'
      ? verdict.edges.map((edge) => ({
          worker: name(edge.waiter),
          waitsFor: LOCK_NAMES[edge.lock]!,
          heldBy: name(edge.holder),
          waitedMs: round3(edge.waitedMs),
        }))
      : [];
  const formedAtMs =
    verdict.kind === 'cycle'
      ? Math.max(
          ...verdict.edges.map(
            (edge) =>
              events.findLast(
                (e) => e.kind === 'waiting' && e.workerId === edge.waiter && e.lock === edge.lock,
              )?.atMs ?? 0,
          ),
        )
      : null;
  const waits = cycle.map(
    (w) => `${w.worker} waited ${Math.round(w.waitedMs)} ms for ${w.waitsFor} held by ${w.heldBy}`,
  );
  const explanation =
    verdict.kind === 'cycle'
      ? `${waits.join('; ')}: each waits for the other, a cycle no one can leave. Both threads were terminated.`
      : verdict.kind === 'stalled'
        ? `No worker finished and no wait-for cycle appeared within ${times.giveUpAfterMs} ms; both threads were terminated.`
        : strategy === 'global-order'
          ? 'Both workers take L1 before L2: whoever gets L1 first can always get L2, so no cycle can form.'
          : 'Both workers finished: the pauses did not overlap this time.';
  return {
    strategy,
    orders: ORDERS[strategy],
    outcome: verdict.kind === 'cycle' ? 'deadlock-detected' : verdict.kind,
    cycle,
    explanation,
    formedAtMs: formedAtMs === null ? null : round3(formedAtMs),
    detectedAtMs: times.detectedAtMs,
    totalMs: times.totalMs,
    cleanupMs: times.cleanupMs,
    events: events.map((e) => ({
      atMs: round3(e.atMs),
      worker: name(e.workerId),
      kind: e.kind,
      lock: LOCK_NAMES[e.lock] ?? null,
      heldBy: e.holder > 0 ? name(e.holder) : null,
      waitedMs: round3(e.waitedMs),
    })),
  };
}
