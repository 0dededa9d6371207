import { describe, expect, it } from 'vitest';
import type { ModelId } from '../../../shared/models';
import type { TaskRecord } from '../../../shared/results';
import { modelNotes, withSpeedups } from './model-notes';
import type { MeasuredModel } from './model-run';
import { TaskTimeline } from '../../../shared/task-timeline';
import { LaneList } from '../../../shared/lane-list';

const PLACEMENT: Record<ModelId, string> = {
  sequential: 'calling thread',
  async: 'calling thread, unlimited concurrency',
  threads: '6 worker threads',
  'gil-threads': '6 worker threads under a simulated GIL',
  processes: '2 child processes',
  distributed: '2 worker processes on this machine, through a private NATS server',
  'py-sequential': 'main thread (CPython 3.11.7, GIL)',
  'py-asyncio': 'event loop, unlimited concurrency (CPython 3.11.7, GIL)',
  'py-threads': '6 threads (CPython 3.11.7, GIL)',
  'py-processes': '2 processes (fork) (CPython 3.11.7, GIL)',
  'py-threads-nogil': '6 threads (CPython 3.14.0, free-threaded)',
};

/** A model that ran `total` tasks cleanly in `wallMs`; override what a test needs. */
function measured(model: ModelId, overrides: Partial<MeasuredModel> = {}): MeasuredModel {
  const total = overrides.total ?? 4;
  const wallMs = overrides.wallMs ?? 1000;
  const timeline: TaskRecord[] = Array.from({ length: total }, (_, task) => ({
    task,
    lane: 0,
    queuedAt: 0,
    startedAt: (task * wallMs) / total,
    endedAt: ((task + 1) * wallMs) / total,
    ok: true,
  }));
  return {
    model,
    state: 'done',
    placement: PLACEMENT[model],
    workers: model === 'sequential' ? 1 : 6,
    wallMs,
    startupMs: model === 'threads' || model === 'gil-threads' || model === 'processes' ? 35 : 0,
    total,
    completed: total,
    failed: 0,
    throughput: (total * 1000) / wallMs,
    latencyMs: { p50: 1, p95: 1, max: 1 },
    queueWaitMs: { p50: 0, p95: 0, max: 0 },
    cpuUtilization: 0.5,
    peakRssMb: 50,
    check: { ok: true, answer: '42' },
    failures: [],
    lanes: LaneList.of([{ index: 0, label: PLACEMENT[model] }]),
    epochStartMs: 1_700_000_000_000,
    timeline: TaskTimeline.of(timeline),
    injectedFailures: 0,
    load: null,
    ...overrides,
  };
}

describe('modelNotes', () => {
  it('says where a clean model ran, and nothing alarming', () => {
    const notes = modelNotes(measured('sequential'));
    expect(notes).toContain('calling thread');
    expect(notes.join(' ')).not.toMatch(/wrong|failed|cancelled|GIL/i);
  });

  it('puts a wrong answer first, with the problem the checker found', () => {
    const problem = 'chunk 3: got 10, closed form says 14';
    const notes = modelNotes(
      measured('threads', { state: 'failed', check: { ok: false, answer: 'x', problem } }),
    );
    expect(notes[0]).toMatch(/wrong answer/i);
    expect(notes[0]).toContain(problem);
  });

  it('puts a wrong answer first even when the run was also cancelled', () => {
    const problem = 'range 0: counted 3 primes, the sieve finds 4';
    const notes = modelNotes(
      measured('processes', {
        state: 'cancelled',
        completed: 1,
        check: { ok: false, answer: 'x', problem },
      }),
    );
    expect(notes[0]).toMatch(/wrong answer/i);
    expect(notes.some((note) => /cancelled/.test(note))).toBe(true);
  });

  it('says how far a cancelled run got', () => {
    const notes = modelNotes(measured('async', { state: 'cancelled', total: 10, completed: 3, failed: 1 }));
    const note = notes.find((n) => /cancelled/.test(n));
    expect(note).toContain('4 of 10');
  });

  it('says why a model failed as a whole', () => {
    const notes = modelNotes(
      measured('processes', { state: 'failed', error: 'worker 2 exited with code 1' }),
    );
    expect(notes.some((note) => note.includes('worker 2 exited with code 1'))).toBe(true);
  });

  it('reports the start-up of a pool that took a millisecond or more', () => {
    const notes = modelNotes(measured('processes', { startupMs: 82.4 }));
    expect(notes.some((note) => /start-up/.test(note) && note.includes('82 ms'))).toBe(true);
    const slow = modelNotes(measured('processes', { startupMs: 1500 }));
    expect(slow.some((note) => /start-up/.test(note) && note.includes('1.50 s'))).toBe(true);
  });

  it('does not report start-up for the calling thread, which starts nothing', () => {
    const notes = modelNotes(measured('sequential', { startupMs: 0.02 }));
    expect(notes.some((note) => /start-up/.test(note))).toBe(false);
  });

  it('summarises GIL contention for gil-threads from the measured hold and wait times', () => {
    // 4 tasks of 250 ms = 1000 task-ms; held 600 of 1000 wall ms (60 %), waited 500 of 1000 task-ms (50 %).
    const notes = modelNotes(
      measured('gil-threads', {
        gil: { switchIntervalMs: 5, lanes: [], holdMs: 600, waitMs: 500, switches: 7 },
      }),
    );
    const note = notes.find((n) => /GIL/.test(n) && /%/.test(n));
    expect(note).toBeDefined();
    expect(note).toContain('60%');
    expect(note).toContain('50%');
    expect(note).toMatch(/\b7 (forced )?switches\b/);
  });

  it('has no GIL note for a model that ran without the GIL', () => {
    for (const model of ['sequential', 'async', 'threads', 'processes'] as const) {
      expect(
        modelNotes(measured(model)).some((note) => /GIL/.test(note)),
        model,
      ).toBe(false);
    }
  });

  it('separates failures injected by the server from unexpected ones, quoting the first unexpected error', () => {
    const notes = modelNotes(
      measured('async', {
        completed: 5,
        total: 10,
        failed: 5,
        injectedFailures: 3,
        failures: [
          { task: 1, message: 'HTTP 500 (injected)' },
          { task: 2, message: 'HTTP 500 (injected)' },
          { task: 4, message: 'ECONNRESET' },
          { task: 6, message: 'HTTP 500 (injected)' },
          { task: 8, message: 'timeout after 2000 ms' },
        ],
      }),
    );
    expect(notes.some((note) => /\b3\b.*injected/.test(note))).toBe(true);
    const unexpected = notes.find((note) => /\b2 tasks failed/.test(note));
    expect(unexpected).toContain('ECONNRESET');
  });

  it('does not call injected failures unexpected', () => {
    const notes = modelNotes(
      measured('threads', {
        failed: 2,
        injectedFailures: 2,
        failures: [
          { task: 0, message: 'HTTP 500 (injected)' },
          { task: 1, message: 'HTTP 500 (injected)' },
        ],
      }),
    );
    expect(notes.some((note) => /\b2\b.*injected/.test(note))).toBe(true);
    expect(notes.some((note) => /tasks? failed/.test(note))).toBe(false);
  });
});

describe('withSpeedups', () => {
  it('divides sequential wall time by each model wall time when sequential finished cleanly', () => {
    const results = withSpeedups([
      measured('sequential', { wallMs: 1000 }),
      measured('threads', { wallMs: 250 }),
      measured('async', { wallMs: 2000 }),
    ]);
    expect(results.map((r) => r.speedup)).toEqual([1, 4, 0.5]);
  });

  it('finds sequential wherever it is in the list', () => {
    const results = withSpeedups([
      measured('processes', { wallMs: 400 }),
      measured('sequential', { wallMs: 1200 }),
    ]);
    expect(results.map((r) => r.speedup)).toEqual([3, 1]);
  });

  it('gives no speedup without a clean sequential run', () => {
    const others = [measured('threads', { wallMs: 250 })];
    const cases: MeasuredModel[][] = [
      others,
      [measured('sequential', { state: 'cancelled' }), ...others],
      [
        measured('sequential', { state: 'failed', check: { ok: false, answer: '', problem: 'bad' } }),
        ...others,
      ],
      [
        measured('sequential', { failed: 1, completed: 3, failures: [{ task: 0, message: 'boom' }] }),
        ...others,
      ],
    ];
    for (const results of cases) {
      for (const result of withSpeedups(results)) expect(result.speedup, result.model).toBeNull();
    }
  });

  it('still compares with a sequential run whose only failures were injected', () => {
    const results = withSpeedups([
      measured('sequential', { wallMs: 900, failed: 1, completed: 3, injectedFailures: 1 }),
      measured('async', { wallMs: 300 }),
    ]);
    expect(results[1]!.speedup).toBe(3);
  });

  it('gives no speedup to a model that did not finish, or took no time', () => {
    const results = withSpeedups([
      measured('sequential', { wallMs: 1000 }),
      measured('threads', { state: 'cancelled', wallMs: 100 }),
      measured('processes', { state: 'failed', wallMs: 100, error: 'crashed' }),
      measured('async', { wallMs: 0 }),
    ]);
    expect(results.map((r) => r.speedup)).toEqual([1, null, null, null]);
  });

  it('adds the notes and drops the internal injected-failure count', () => {
    const [result] = withSpeedups([measured('sequential')]);
    expect(result!.notes).toEqual(modelNotes(measured('sequential')));
    expect(result).not.toHaveProperty('injectedFailures');
  });
});
