/** The deadlock lesson's timeline as spans: per worker, when it held each lock and when it waited for one. */
import type { DeadlockAttempt, LockName, LockWorker } from '../../../shared/lessons/deadlock';

/** A worker holding or waiting for a lock from `start` to `end` (ms since the attempt started). */
export interface LockSpan {
  readonly worker: LockWorker;
  readonly lock: LockName;
  readonly kind: 'hold' | 'wait';
  readonly start: number;
  readonly end: number;
  /** Still going when the attempt ended: the worker never got (or gave back) the lock. */
  readonly open: boolean;
}

/** A moment on a worker's row: its wait was reported as a timeout, or it finished. */
export interface LockMark {
  readonly worker: LockWorker;
  readonly kind: 'report' | 'done';
  readonly at: number;
}

/** What the timeline draws for one attempt. */
export interface DeadlockLayout {
  readonly spans: readonly LockSpan[];
  readonly marks: readonly LockMark[];
  readonly endMs: number;
  readonly detectedAtMs: number | null;
}

/** Folds an attempt's events into spans and marks; anything still open closes at the attempt's end. */
export function deadlockLayout(attempt: DeadlockAttempt): DeadlockLayout {
  const spans: LockSpan[] = [];
  const marks: LockMark[] = [];
  const holds = new Map<string, number>();
  const waits = new Map<LockWorker, { lock: LockName; start: number }>();
  const events = [...attempt.events].sort((a, b) => a.atMs - b.atMs);
  const endMs = Math.max(attempt.totalMs, ...events.map((e) => e.atMs));
  for (const event of events) {
    const { worker, lock, atMs } = event;
    const wait = waits.get(worker);
    switch (event.kind) {
      case 'waiting':
        if (lock && wait?.lock !== lock) waits.set(worker, { lock, start: atMs });
        break;
      case 'acquired':
        if (!lock) break;
        if (wait?.lock === lock) {
          spans.push({ worker, lock, kind: 'wait', start: wait.start, end: atMs, open: false });
          waits.delete(worker);
        }
        holds.set(`${worker}:${lock}`, atMs);
        break;
      case 'released': {
        const start = lock ? holds.get(`${worker}:${lock}`) : undefined;
        if (lock && start !== undefined) {
          spans.push({ worker, lock, kind: 'hold', start, end: atMs, open: false });
          holds.delete(`${worker}:${lock}`);
        }
        break;
      }
      case 'wait-report':
        marks.push({ worker, kind: 'report', at: atMs });
        break;
      case 'done':
        marks.push({ worker, kind: 'done', at: atMs });
        break;
    }
  }
  for (const [key, start] of holds) {
    const [worker, lock] = key.split(':') as [LockWorker, LockName];
    spans.push({ worker, lock, kind: 'hold', start, end: endMs, open: true });
  }
  for (const [worker, { lock, start }] of waits)
    spans.push({ worker, lock, kind: 'wait', start, end: endMs, open: true });
  return { spans, marks, endMs, detectedAtMs: attempt.detectedAtMs };
}

/** A step for time ticks that gives about `target` ticks over `span` ms: 1, 2 or 5 times a power of ten. */
export function tickStep(span: number, target = 6): number {
  const raw = Math.max(span, 1) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? 10 * power;
}
