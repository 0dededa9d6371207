import { describe, expect, it } from 'vitest';
import type { TaskGilUsage } from '../../../workers/protocol/host-messages';
import type { TaskEvent } from '../../../workers/protocol/executor';
import { RunRecorder } from './run-recorder';

/** Epoch ms of time zero; offsets below are multiples of 1/4 ms, exact at this magnitude. */
const T0 = 1_700_000_000_000;

function finished(
  task: number,
  lane: number,
  startedAt: number,
  endedAt: number,
  gil?: TaskGilUsage,
): TaskEvent {
  return {
    type: 'finished',
    task,
    lane,
    startedAt: T0 + startedAt,
    endedAt: T0 + endedAt,
    output: null,
    ...(gil ? { gil } : {}),
  };
}

function failed(
  task: number,
  lane: number,
  startedAt: number,
  endedAt: number,
  error: string,
  gil?: TaskGilUsage,
): TaskEvent {
  return {
    type: 'failed',
    task,
    lane,
    startedAt: T0 + startedAt,
    endedAt: T0 + endedAt,
    error,
    ...(gil ? { gil } : {}),
  };
}

function started(task: number, lane: number, at: number): TaskEvent {
  return { type: 'started', task, lane, at: T0 + at };
}

/** A recorder that has begun at T0, with `total` tasks all queued at `queuedAt`. */
function runningRecorder(total: number, queuedAt = 0): RunRecorder {
  const recorder = new RunRecorder('threads', total);
  recorder.starting();
  recorder.begin(T0, 25);
  recorder.handle({ type: 'queued-all', count: total, at: T0 + queuedAt });
  return recorder;
}

describe('RunRecorder', () => {
  it('goes pending -> starting -> running -> done, with no throughput before running', () => {
    const recorder = new RunRecorder('processes', 2);
    const pending = recorder.snapshot(T0);
    expect(pending.state).toBe('pending');
    expect(pending.elapsedMs).toBe(0);
    expect(pending.throughput).toEqual([]);
    expect(pending.startupMs).toBeNull();

    recorder.starting();
    expect(recorder.snapshot(T0 + 500).state).toBe('starting');
    expect(recorder.snapshot(T0 + 500).elapsedMs).toBe(0);

    recorder.begin(T0, 40);
    const running = recorder.snapshot(T0 + 10);
    expect(running.state).toBe('running');
    expect(running.startupMs).toBe(40);
    expect(running.elapsedMs).toBe(10);

    recorder.end('done', T0 + 100);
    expect(recorder.snapshot(T0 + 100).state).toBe('done');
  });

  it('counts progress: completed, failed and running tasks', () => {
    const recorder = runningRecorder(5);
    recorder.handle(started(0, 0, 1));
    recorder.handle(started(1, 1, 1));
    recorder.handle(started(2, 2, 1));
    expect(recorder.snapshot(T0 + 2)).toMatchObject({ total: 5, completed: 0, failed: 0, running: 3 });

    recorder.handle(finished(0, 0, 1, 10));
    recorder.handle(failed(1, 1, 1, 12, 'boom'));
    expect(recorder.snapshot(T0 + 13)).toMatchObject({ completed: 1, failed: 1, running: 1 });
    expect(recorder.completed).toBe(1);
    expect(recorder.failed).toBe(1);
  });

  it('does not count a re-dispatched task twice as running', () => {
    const recorder = runningRecorder(1);
    recorder.handle(started(0, 0, 1));
    recorder.handle(started(0, 1, 5));
    expect(recorder.snapshot(T0 + 6).running).toBe(1);
    recorder.handle(finished(0, 1, 5, 9));
    expect(recorder.snapshot(T0 + 10).running).toBe(0);
  });

  it('draws an interrupted attempt on its lane as failed, counts it nowhere, and settles the redelivery once', () => {
    const recorder = runningRecorder(1);
    recorder.handle(started(0, 0, 1));
    recorder.handle({
      type: 'interrupted',
      task: 0,
      lane: 0,
      startedAt: T0 + 1,
      endedAt: T0 + 4,
      reason: 'lost',
    });
    expect(recorder.snapshot(T0 + 5)).toMatchObject({ completed: 0, failed: 0, running: 0 });
    recorder.handle(started(0, 1, 6));
    recorder.handle(finished(0, 1, 6, 9));
    const snapshot = recorder.snapshot(T0 + 10);
    expect(snapshot).toMatchObject({ completed: 1, failed: 0, running: 0 });
    expect(snapshot.lanes[0]).toMatchObject({
      runningSince: null,
      intervals: [{ start: 1, end: 4, failed: true }],
    });
    expect(snapshot.lanes[1]).toMatchObject({ intervals: [{ start: 6, end: 9, failed: false }] });
    expect([...recorder.timeline()]).toEqual([
      { task: 0, lane: 1, queuedAt: 0, startedAt: 6, endedAt: 9, ok: true },
    ]);
  });

  it('has no ETA before the first completion, then extrapolates the pace so far', () => {
    const recorder = runningRecorder(4);
    recorder.handle(started(0, 0, 0));
    expect(recorder.snapshot(T0 + 50).etaMs).toBeNull();
    recorder.handle(finished(0, 0, 0, 80));
    // 1 of 4 tasks in 100 ms: 3 more take 300 ms at that pace.
    expect(recorder.snapshot(T0 + 100).etaMs).toBeCloseTo(300, 9);
    recorder.handle(failed(1, 0, 80, 150, 'x'));
    // 2 of 4 settled in 200 ms: 2 more take 200 ms.
    expect(recorder.snapshot(T0 + 200).etaMs).toBeCloseTo(200, 9);
    recorder.handle(finished(2, 0, 150, 160));
    recorder.handle(finished(3, 0, 160, 170));
    expect(recorder.snapshot(T0 + 180).etaMs).toBeNull();
  });

  it('counts down from the forecast until the first task settles (a CPython task can take seconds)', () => {
    const recorder = new RunRecorder('py-threads', 2);
    recorder.expect(4000);
    recorder.begin(T0, 0);
    recorder.handle(started(0, 0, 0));
    expect(recorder.snapshot(T0 + 1500).etaMs).toBe(2500);
    expect(recorder.snapshot(T0 + 5000).etaMs).toBe(0);
    recorder.handle(finished(0, 0, 0, 3000));
    expect(recorder.snapshot(T0 + 3000).etaMs).toBeCloseTo(3000, 9);
  });

  it('has no ETA once the run is over', () => {
    const recorder = runningRecorder(3);
    recorder.handle(finished(0, 0, 0, 10));
    recorder.end('cancelled', T0 + 20);
    expect(recorder.snapshot(T0 + 30).etaMs).toBeNull();
  });

  it('computes latency and queue-wait percentiles from the host start and end times', () => {
    const recorder = runningRecorder(3, 0);
    // Dispatched (started) early; the host's own start comes later and is what counts.
    recorder.handle(started(0, 0, 1));
    recorder.handle(finished(0, 0, 2, 12)); // latency 10, waited 2
    recorder.handle(started(1, 0, 12));
    recorder.handle(finished(1, 0, 14, 44)); // latency 30, waited 14
    recorder.handle(started(2, 1, 1));
    recorder.handle(failed(2, 1, 4, 24, 'oops')); // latency 20, waited 4
    const latency = recorder.latency();
    // Sorted 10, 20, 30: p50 = 20, p95 at rank 1.9 = 20 + 0.9 * 10, max 30.
    expect(latency.p50).toBe(20);
    expect(latency.p95).toBeCloseTo(29, 9);
    expect(latency.max).toBe(30);
    const wait = recorder.queueWait();
    // Sorted 2, 4, 14: p50 = 4, p95 = 4 + 0.9 * 10 = 13, max 14.
    expect(wait.p50).toBe(4);
    expect(wait.p95).toBeCloseTo(13, 9);
    expect(wait.max).toBe(14);
  });

  it('ignores tasks still running in the percentiles', () => {
    const recorder = runningRecorder(2);
    recorder.handle(started(0, 0, 0));
    recorder.handle(started(1, 1, 0));
    recorder.handle(finished(0, 0, 0, 8));
    expect(recorder.latency()).toEqual({ p50: 8, p95: 8, max: 8 });
    expect(runningRecorder(2).latency()).toEqual({ p50: 0, p95: 0, max: 0 });
  });

  it('builds the timeline from the host start time, not the dispatch time, in task order', () => {
    const recorder = runningRecorder(3, 0.5);
    recorder.handle(started(1, 1, 3));
    recorder.handle(started(0, 0, 3));
    recorder.handle(finished(1, 1, 3.75, 9));
    recorder.handle(failed(0, 0, 4.25, 11, 'bad'));
    recorder.handle(started(2, 1, 9.5));
    expect([...recorder.timeline()]).toEqual([
      { task: 0, lane: 0, queuedAt: 0.5, startedAt: 4.25, endedAt: 11, ok: false },
      { task: 1, lane: 1, queuedAt: 0.5, startedAt: 3.75, endedAt: 9, ok: true },
    ]);
  });

  it('gives every settled task in task order, each with its last word, as columns', () => {
    const recorder = runningRecorder(6, 0.5);
    recorder.handle(started(3, 1, 1));
    recorder.handle(finished(3, 1, 1.5, 4));
    recorder.handle(started(0, 0, 2));
    // A task put back in the queue (its worker was replaced) runs again elsewhere.
    recorder.handle({
      type: 'interrupted',
      task: 0,
      lane: 0,
      startedAt: T0 + 2,
      endedAt: T0 + 3,
      reason: 'worker replaced',
    });
    recorder.handle(started(0, 1, 5));
    recorder.handle(finished(0, 1, 5.5, 7));
    recorder.handle(failed(1, 0, 3, 6, 'bad input'));
    // A result heard twice keeps the last word, as the columns do.
    recorder.handle(finished(1, 0, 3, 6.5));
    recorder.handle(started(2, 0, 7));
    // The model failed as a whole: a running task (2) and never-started ones (4, 5) fail with it.
    recorder.failUnsettled('not run: the pool died', T0 + 9);
    const timeline = recorder.timeline();
    expect([...timeline].map((r) => [r.task, r.ok])).toEqual([
      [0, true],
      [1, true],
      [2, false],
      [3, true],
      [4, false],
      [5, false],
    ]);
    expect(timeline.lane).toBeInstanceOf(Int32Array);
    expect(timeline.at(3)).toEqual({ task: 3, lane: 1, queuedAt: 0.5, startedAt: 1.5, endedAt: 4, ok: true });
    // Asking again gives the same timeline: nothing was handed over and forgotten.
    expect(recorder.timeline()).toEqual(timeline);
  });

  it('builds a 100,000-task timeline in steps a caller can give turns between, the same as in one go', () => {
    const total = 100_000;
    const recorder = runningRecorder(total);
    // Every third task settled; the others are still waiting.
    for (let task = 0; task < total; task += 3)
      recorder.handle(finished(task, task % 4, task * 0.25, task * 0.25 + 1));
    const steps = recorder.timelineSteps();
    let turns = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) turns++;
    expect(turns).toBeGreaterThanOrEqual(4);
    const timeline = step.value;
    expect(timeline.length).toBe(Math.ceil(total / 3));
    // Each settled task once, in task order, across the steps' boundaries, as the events said.
    const wrong: number[] = [];
    for (let i = 0; i < timeline.length; i++) {
      const task = i * 3;
      const record = timeline.at(i);
      const expected = {
        task,
        lane: task % 4,
        queuedAt: 0,
        startedAt: task * 0.25,
        endedAt: task * 0.25 + 1,
        ok: true,
      };
      if (JSON.stringify(record) !== JSON.stringify(expected)) wrong.push(task);
    }
    expect(wrong).toEqual([]);
  });

  it('never records negative times or an end before the start', () => {
    const recorder = runningRecorder(1);
    // A host clock a little behind: it says the task began before time zero and ended before it began.
    recorder.handle({ type: 'finished', task: 0, lane: 0, startedAt: T0 - 2, endedAt: T0 - 3, output: 1 });
    const record = recorder.timeline().at(0);
    expect(record!.startedAt).toBe(0);
    expect(record!.endedAt).toBe(0);
  });

  it('keeps the first 20 failures with their messages and counts them all', () => {
    const recorder = runningRecorder(25);
    for (let task = 0; task < 25; task++) recorder.handle(failed(task, 0, task, task + 1, `error ${task}`));
    expect(recorder.failed).toBe(25);
    expect(recorder.failures).toEqual(
      Array.from({ length: 20 }, (_, task) => ({ task, message: `error ${task}` })),
    );
  });

  it('sums GIL usage per lane, lanes in order, and totals them', () => {
    const recorder = runningRecorder(4);
    const gil = (holdMs: number, waitMs: number, switches: number): TaskGilUsage => ({
      holdMs,
      waitMs,
      switches,
      holds: [],
    });
    recorder.handle(finished(0, 1, 0, 10, gil(8, 2, 1)));
    recorder.handle(finished(1, 0, 0, 10, gil(5, 5, 3)));
    recorder.handle(failed(2, 1, 10, 20, 'x', gil(4, 6, 2)));
    recorder.handle(finished(3, 0, 10, 12));
    expect(recorder.gilStats(5)).toEqual({
      switchIntervalMs: 5,
      lanes: [
        { lane: 0, holdMs: 5, waitMs: 5, switches: 3 },
        { lane: 1, holdMs: 12, waitMs: 8, switches: 3 },
      ],
      holdMs: 17,
      waitMs: 13,
      switches: 6,
    });
    expect(runningRecorder(1).gilStats(5)).toBeUndefined();
  });

  it('freezes elapsed time when the run ends', () => {
    const recorder = runningRecorder(1);
    recorder.handle(finished(0, 0, 0, 40));
    recorder.end('done', T0 + 60);
    expect(recorder.elapsedMs(T0 + 10_000)).toBe(60);
    expect(recorder.snapshot(T0 + 10_000).elapsedMs).toBe(60);
  });

  it('shows lanes with their labels and the task running on each', () => {
    const recorder = runningRecorder(2);
    recorder.handle({ type: 'lane', lane: { index: 0, label: 'worker 1' } });
    recorder.handle({ type: 'lane', lane: { index: 1, label: 'worker 2' } });
    recorder.handle(started(0, 1, 7));
    const { lanes } = recorder.snapshot(T0 + 8);
    expect(lanes.map(({ index, label, runningSince }) => ({ index, label, runningSince }))).toEqual([
      { index: 0, label: 'worker 1', runningSince: null },
      { index: 1, label: 'worker 2', runningSince: 7 },
    ]);
    expect(recorder.lanes()).toEqual([
      { index: 0, label: 'worker 1' },
      { index: 1, label: 'worker 2' },
    ]);
  });

  it('ends its throughput series with the average rate of a run shorter than the window', () => {
    const recorder = runningRecorder(30);
    for (let task = 0; task < 30; task++)
      recorder.handle(finished(task, task % 3, task * 10, task * 10 + 9.5));
    recorder.end('done', T0 + 305);
    const { throughput } = recorder.snapshot(T0 + 305, true);
    const [seconds, rate] = throughput.at(-1)!;
    expect(seconds).toBeCloseTo(0.305, 9);
    expect(rate).toBeCloseTo(30 / 0.305, 6);
  });

  it('keeps the peak memory sample', () => {
    const recorder = runningRecorder(1);
    for (const bytes of [100, 300, 200]) recorder.sampleMemory(bytes);
    expect(recorder.peakRssBytes).toBe(300);
  });
});

describe('RunRecorder per-task lanes', () => {
  it('tells small runs which lane ran each settled task, and leaves them out of big runs', () => {
    const recorder = runningRecorder(3);
    recorder.handle(finished(0, 1, 0, 5));
    recorder.handle(finished(2, 0, 0, 5));
    expect(recorder.snapshot(T0 + 10).taskLanes).toEqual([1, -1, 0]);
    expect(runningRecorder(5000).snapshot(T0 + 10).taskLanes).toBeUndefined();
  });

  it('keeps each task as columns for the timeline: lane, times, output or error, and every GIL turn', () => {
    const recorder = runningRecorder(3);
    const columns = recorder.columns();
    expect(columns.holds).toBeNull();
    const turn = (start: number, end: number): TaskGilUsage => ({
      holdMs: end - start,
      waitMs: 0,
      switches: 0,
      holds: [[T0 + start, T0 + end]],
    });
    recorder.handle({ ...finished(0, 1, 0, 10, turn(0, 5)), output: { count: 7 } } as TaskEvent);
    recorder.handle(failed(1, 0, 10, 20, 'boom', turn(10, 15)));
    recorder.handle(started(2, 1, 20));
    expect([columns.lane[0], columns.startedAt[1], columns.endedAt[1]]).toEqual([1, 10, 20]);
    expect([0, 1, 2].map((task) => columns.texts?.get(task))).toEqual(['{ count: 7 }', 'boom', undefined]);
    expect(columns.holds?.count).toBe(2);
    expect(columns.laneLabel(1)).toBe('lane 2');
    const snapshot = recorder.snapshot(T0 + 20);
    expect(snapshot.gilShares?.bucketMs).toBe(5);
    expect(snapshot.gilShares?.shares.slice(0, 3)).toEqual([
      [0, 100],
      [0, 0],
      [100, 0],
    ]);
    expect(snapshot.throughputWindowMs).toBe(1000);
  });
});
