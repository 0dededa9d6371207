import { describe, expect, it } from 'vitest';
import { TIMELINE_WINDOW_INTERVALS } from '../../../shared/timeline';
import { GilHolds } from '../recording/gil-holds';
import { columnsFromTimeline, TASK_STATUS, type TaskColumns } from '../recording/task-columns';
import type { TaskRecord } from '../../../shared/results';
import { gilWindow, tasksIn, windowOf } from './timeline-queries';
import { TaskTimeline } from '../../../shared/task-timeline';
import { LaneList } from '../../../shared/lane-list';

/** Sequential-like: `count` tasks of `ms` one after another on lane 0, task i from i·ms. */
function backToBack(count: number, ms: number, lanes = 1): TaskRecord[] {
  return Array.from({ length: count }, (_, task) => ({
    task,
    lane: task % lanes,
    queuedAt: 0,
    startedAt: Math.floor(task / lanes) * ms,
    endedAt: (Math.floor(task / lanes) + 1) * ms,
    ok: task !== 3,
  }));
}

function columns(records: TaskRecord[], texts?: string[]): TaskColumns {
  const base = columnsFromTimeline(
    'sequential',
    records.length,
    TaskTimeline.of(records),
    LaneList.of([{ index: 0, label: 'calling thread' }]),
  );
  return texts ? { ...base, texts: { get: (task) => texts[task] } } : base;
}

const ask = { runId: 'r', model: 'sequential' as const, lane: 0, limit: 5 };

describe('tasksIn', () => {
  it('answers the task under the pointer first, with its lane, times, queue wait and output', () => {
    const records = backToBack(10, 100);
    const texts = records.map((r) => `{ count: ${r.task} }`);
    const reply = tasksIn(columns(records, texts), { ...ask, fromMs: 248, toMs: 252 }, 1_000);
    expect(reply.matched).toBe(1);
    expect(reply.textsKept).toBe(true);
    expect(reply.tasks).toEqual([
      {
        task: 2,
        model: 'sequential',
        lane: 0,
        laneLabel: 'calling thread',
        state: 'done',
        queuedAt: 0,
        startedAt: 200,
        endedAt: 300,
        text: '{ count: 2 }',
      },
    ]);
  });

  it('says a failed task failed, and that a stored run kept no outputs', () => {
    const reply = tasksIn(columns(backToBack(10, 100)), { ...ask, fromMs: 350, toMs: 350 }, 1_000);
    expect(reply.tasks[0]).toMatchObject({ task: 3, state: 'failed', text: null });
    expect(reply.textsKept).toBe(false);
  });

  it('orders a wide range nearest the middle first and counts every match, within the limit', () => {
    const reply = tasksIn(columns(backToBack(100, 10)), { ...ask, fromMs: 0, toMs: 1_000, limit: 3 }, 1_000);
    expect(reply.matched).toBe(100);
    expect(reply.tasks).toHaveLength(3);
    expect(reply.tasks[0]!.startedAt).toBeLessThanOrEqual(500);
    expect(reply.tasks[0]!.endedAt).toBeGreaterThanOrEqual(500);
  });

  it('shows a running task running up to now, with no end and no output yet', () => {
    const base = columns(backToBack(3, 100));
    base.status[2] = TASK_STATUS.running;
    const reply = tasksIn(base, { ...ask, fromMs: 260, toMs: 260 }, 270);
    expect(reply.tasks[0]).toMatchObject({ task: 2, state: 'running', endedAt: null, text: null });
  });

  it('keeps to one lane when asked, or looks at every lane', () => {
    const records = backToBack(8, 100, 2);
    const base = columnsFromTimeline('threads', 8, TaskTimeline.of(records), LaneList.of([]));
    expect(
      tasksIn(base, { ...ask, model: 'threads', lane: 1, fromMs: 150, toMs: 150 }, 1_000).tasks.map(
        (t) => t.task,
      ),
    ).toEqual([3]);
    expect(
      tasksIn(base, { ...ask, model: 'threads', lane: null, fromMs: 150, toMs: 150 }, 1_000).matched,
    ).toBe(2);
  });
});

describe('windowOf', () => {
  it('gives every task its own interval once zoomed in far enough', () => {
    const reply = windowOf(columns(backToBack(100_000, 1)), {
      runId: 'r',
      model: 'sequential',
      fromMs: 5_000,
      toMs: 5_010,
      columns: 1000,
      lanes: [0],
    });
    expect(reply.mergeGapMs).toBe(0);
    expect(reply.lanes[0]!.intervals.map((i) => i.start)).toEqual([
      4_999, 5_000, 5_001, 5_002, 5_003, 5_004, 5_005, 5_006, 5_007, 5_008, 5_009, 5_010,
    ]);
    expect(reply.lanes[0]!.intervals.every((i) => !i.failed)).toBe(true);
  });

  it('merges tasks closer than a pixel and stays within its budget over the whole run', () => {
    const records = backToBack(100_000, 1, 4).map((r) => ({ ...r, endedAt: r.endedAt - 0.5 }));
    const base = columnsFromTimeline('threads', records.length, TaskTimeline.of(records), LaneList.of([]));
    const reply = windowOf(base, {
      runId: 'r',
      model: 'threads',
      fromMs: 0,
      toMs: 25_000,
      columns: 4096,
      lanes: [0, 1, 2, 3],
    });
    const count = reply.lanes.reduce((sum, lane) => sum + lane.intervals.length, 0);
    expect(count).toBeLessThanOrEqual(TIMELINE_WINDOW_INTERVALS);
    expect(reply.mergeGapMs).toBeGreaterThan(0);
    expect(reply.lanes.map((lane) => lane.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('gilWindow', () => {
  function alternating(turns: number, ms = 5): GilHolds {
    const holds = new GilHolds();
    for (let i = 0; i < turns; i++) holds.add(i % 2, i * ms, (i + 1) * ms);
    return holds;
  }

  it('lists each turn when the window shows them wide enough', () => {
    const window = gilWindow(alternating(2_000), 100, 150, 800);
    expect(window.kind).toBe('turns');
    if (window.kind !== 'turns') return;
    expect(window.turns.map((t) => [t.lane, t.start])).toEqual([
      [0, 100],
      [1, 105],
      [0, 110],
      [1, 115],
      [0, 120],
      [1, 125],
      [0, 130],
      [1, 135],
      [0, 140],
      [1, 145],
    ]);
  });

  it('gives each holder its share per interval when turns are thinner than a pixel', () => {
    const window = gilWindow(alternating(2_000), 0, 10_000, 600);
    expect(window.kind).toBe('shares');
    if (window.kind !== 'shares') return;
    expect(window.shares).toHaveLength(200);
    expect(window.bucketMs).toBe(50);
    for (const [lane0, lane1] of window.shares) {
      expect(lane0).toBe(50);
      expect(lane1).toBe(50);
    }
  });
});
