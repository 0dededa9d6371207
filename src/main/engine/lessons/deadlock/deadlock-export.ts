/** The deadlock lesson's export sections: every lock event, each attempt with its cycle, and the workers' waits and holds as trace spans. */
import { reportMs } from '../../../../shared/format';
import type {
  DeadlockAttempt,
  DeadlockResult,
  LockName,
  LockWorker,
} from '../../../../shared/lessons/deadlock';
import { round3 } from '../../reporters/json';
import {
  markdownTable,
  oneLine,
  processMetadata,
  threadMetadata,
  us,
  type LessonExportSections,
} from '../../reporters/lesson-sections';
import type { TraceArgs, TraceEvent } from '../../reporters/trace';

/** The deadlock CSV columns. */
export const DEADLOCK_CSV_COLUMNS = [
  'strategy',
  'at_ms',
  'worker',
  'event',
  'lock',
  'held_by',
  'waited_ms',
] as const;

function attemptMarkdown(a: DeadlockAttempt): string[] {
  const orders = (['A', 'B'] as const).map((w) => `${w} takes ${a.orders[w][0]} then ${a.orders[w][1]}`);
  const times = [
    a.formedAtMs !== null ? `cycle formed at ${reportMs(a.formedAtMs)} ms` : null,
    a.detectedAtMs !== null ? `detected at ${reportMs(a.detectedAtMs)} ms` : null,
    `over after ${reportMs(a.totalMs)} ms`,
    a.cleanupMs !== null ? `terminating the stuck threads took ${reportMs(a.cleanupMs)} ms` : null,
  ].filter((part) => part !== null);
  const lines = [
    `## ${a.strategy}`,
    '',
    `${orders.join('; ')}.`,
    '',
    `**Outcome: ${a.outcome}** — ${times.join(', ')}.`,
    '',
    oneLine(a.explanation),
    '',
  ];
  if (a.cycle.length > 0) {
    const first = a.cycle[0]!.worker;
    const path = a.cycle.map((w) => `${w.worker} → ${w.waitsFor} (held by ${w.heldBy})`).join(' → ');
    lines.push(
      `Wait-for cycle: ${path} → ${first}`,
      '',
      ...markdownTable(
        ['Worker', 'Waits for', 'Held by', 'Waited (ms)'],
        [false, false, false, true],
        a.cycle.map((w) => [w.worker, w.waitsFor, w.heldBy, reportMs(w.waitedMs)]),
      ),
      '',
    );
  }
  return lines;
}

function deadlockMarkdown(result: DeadlockResult): string[] {
  return result.attempts.flatMap(attemptMarkdown);
}

const LOCK_WORKERS: readonly LockWorker[] = ['A', 'B'];
const DETECTOR_TID = LOCK_WORKERS.length + 1;

/**
 * An attempt's spans: per worker, waiting for a lock until acquired and holding it until released (a
 * span still open when the attempt ended closes at its end), the wait reports as zero-length marks, and
 * on the detector's thread the time from the cycle forming to its detection, then to the threads' end.
 */
function attemptSpans(a: DeadlockAttempt, pid: number): TraceEvent[] {
  const end = Math.max(0, a.totalMs);
  const within = (ms: number): number => Math.min(Math.max(ms, 0), end);
  const span = (
    name: string,
    tid: number,
    fromMs: number,
    toMs: number,
    args: TraceArgs,
    cname?: string,
  ): TraceEvent => {
    const from = within(fromMs);
    const to = Math.max(from, within(toMs));
    return {
      name,
      cat: a.strategy,
      ph: 'X',
      ts: us(from),
      dur: round3(us(to) - us(from)),
      pid,
      tid,
      ...(cname ? { cname } : {}),
      args,
    };
  };
  const events: TraceEvent[] = [];
  LOCK_WORKERS.forEach((worker, index) => {
    const tid = index + 1;
    const waiting = new Map<LockName, { atMs: number; heldBy: LockWorker | null }>();
    const holding = new Map<LockName, number>();
    const waitSpan = (
      lock: LockName,
      from: { atMs: number; heldBy: LockWorker | null },
      toMs: number,
      got: boolean,
    ) =>
      span(
        `waits for ${lock}`,
        tid,
        from.atMs,
        toMs,
        { lock, heldBy: from.heldBy ?? '', acquired: got },
        got ? undefined : 'terrible',
      );
    for (const e of a.events) {
      if (e.worker !== worker || e.lock === null) continue;
      if (e.kind === 'waiting') waiting.set(e.lock, { atMs: e.atMs, heldBy: e.heldBy });
      else if (e.kind === 'acquired') {
        const wait = waiting.get(e.lock);
        if (wait) events.push(waitSpan(e.lock, wait, e.atMs, true));
        waiting.delete(e.lock);
        holding.set(e.lock, e.atMs);
      } else if (e.kind === 'released') {
        const since = holding.get(e.lock);
        if (since !== undefined) events.push(span(`holds ${e.lock}`, tid, since, e.atMs, { lock: e.lock }));
        holding.delete(e.lock);
      } else if (e.kind === 'wait-report')
        events.push(
          span(`reports: waited ${Math.round(e.waitedMs)} ms for ${e.lock}`, tid, e.atMs, e.atMs, {
            lock: e.lock,
            heldBy: e.heldBy ?? '',
            waitedMs: e.waitedMs,
          }),
        );
    }
    // Never let go, or never got it: the attempt ended (the thread was terminated) with the span open.
    for (const [lock, since] of holding)
      events.push(span(`holds ${lock}`, tid, since, end, { lock, released: false }));
    for (const [lock, wait] of waiting) events.push(waitSpan(lock, wait, end, false));
  });
  if (a.formedAtMs !== null && a.detectedAtMs !== null)
    events.push(
      span('cycle formed, not yet detected', DETECTOR_TID, a.formedAtMs, a.detectedAtMs, {
        formedAtMs: a.formedAtMs,
      }),
    );
  if (a.detectedAtMs !== null)
    events.push(
      span(
        'deadlock detected: terminating both threads',
        DETECTOR_TID,
        a.detectedAtMs,
        a.totalMs,
        {
          detectedAtMs: a.detectedAtMs,
          cycle: a.cycle.map((w) => `${w.worker} waits for ${w.waitsFor} held by ${w.heldBy}`).join('; '),
        },
        'terrible',
      ),
    );
  return events;
}

function deadlockTrace(result: DeadlockResult): TraceEvent[] {
  return result.attempts.flatMap((a, index) => {
    const pid = index + 1;
    return [
      ...processMetadata(pid, `${a.strategy} · ${a.outcome}`),
      ...LOCK_WORKERS.flatMap((worker, i) =>
        threadMetadata(pid, i + 1, `worker ${worker} (${a.orders[worker].join(' then ')})`),
      ),
      ...(a.detectedAtMs !== null ? threadMetadata(pid, DETECTOR_TID, 'deadlock detector') : []),
      ...attemptSpans(a, pid).sort((x, y) => x.ts - y.ts),
    ];
  });
}

/** The deadlock lesson's export sections. */
export const deadlockExport: LessonExportSections<DeadlockResult> = {
  csv: {
    columns: DEADLOCK_CSV_COLUMNS,
    rows: (result) =>
      result.attempts.flatMap((a) =>
        a.events.map((e) => [a.strategy, e.atMs, e.worker, e.kind, e.lock, e.heldBy, e.waitedMs]),
      ),
  },
  markdown: deadlockMarkdown,
  trace: deadlockTrace,
};
