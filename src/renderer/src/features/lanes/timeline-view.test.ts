import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from '../../../../shared/ipc';
import type {
  TaskDetail,
  TimelineTasksReply,
  TimelineTasksRequest,
  TimelineWindowReply,
  TimelineWindowRequest,
} from '../../../../shared/timeline';
import { hitTest } from '../../charts/lanes-hit';
import { layoutLanes, LANES_METRICS, type LanesInput } from '../../charts/lanes-layout';
import { snapshot } from '../../test-support/fixtures';
import { formatAt } from './task-words';
import { createTimelineView, cursorWords, DETAIL_DELAY_MS, foundTask, WHEEL_HINT } from './timeline-view';

const task: TaskDetail = {
  task: 1,
  model: 'threads',
  lane: 0,
  laneLabel: 'thread 1',
  state: 'done',
  queuedAt: 0,
  startedAt: 0,
  endedAt: 200,
  text: '7',
};

function fakeQueries() {
  const tasks: TimelineTasksRequest[] = [];
  const windows: TimelineWindowRequest[] = [];
  let release: () => void = () => {};
  const queries = {
    tasks: vi.fn(async (request: TimelineTasksRequest): Promise<Reply<TimelineTasksReply>> => {
      tasks.push(request);
      await new Promise<void>((done) => (release = done));
      return { ok: true, value: { tasks: [task], matched: 1, textsKept: true } };
    }),
    window: vi.fn(async (request: TimelineWindowRequest): Promise<Reply<TimelineWindowReply>> => {
      windows.push(request);
      return {
        ok: true,
        value: { fromMs: request.fromMs, toMs: request.toMs, mergeGapMs: 0, lanes: [] },
      };
    }),
  };
  return { queries, tasks, windows, release: () => release() };
}

const input: LanesInput = {
  runId: 'run-1',
  models: ['threads'],
  snapshots: { threads: snapshot('threads', { state: 'done' }) },
};
const layout = layoutLanes(input, { ...LANES_METRICS, width: 612 });
const lane = layout.rows.find((row) => row.kind === 'lane' && row.index === 0)!;

describe('the timeline view', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('asks for the task under the pointer once, and answers nearby points from what it was told', async () => {
    const fake = fakeQueries();
    const view = createTimelineView(fake.queries, () => layout);
    view.inputChanged(input);
    view.pointed(hitTest(layout, layout.shared.x(100), lane.y + 2), 10, 10);
    view.pointed(hitTest(layout, layout.shared.x(101), lane.y + 2), 11, 10);
    expect(fake.tasks).toHaveLength(1);
    expect(fake.tasks[0]).toMatchObject({ runId: 'run-1', model: 'threads', lane: 0, limit: 5 });
    fake.release();
    await vi.waitFor(() => expect(foundTask(view.getState().hover)?.task).toBe(1));
    view.pointed(hitTest(layout, layout.shared.x(150), lane.y + 2), 30, 10);
    expect(fake.tasks).toHaveLength(1);
    expect(view.getState().hover?.x).toBe(30);
  });

  it('selects the task clicked, outlines it, and clears it with Esc', async () => {
    const fake = fakeQueries();
    const view = createTimelineView(fake.queries, () => layout);
    view.inputChanged(input);
    const choosing = view.chosen(hitTest(layout, layout.shared.x(100), lane.y + 2), 10, 10);
    fake.release();
    await choosing;
    expect(foundTask(view.getState().selected)?.task).toBe(1);
    expect(view.scene().marks).toEqual([expect.objectContaining({ task: 1, kind: 'selected' })]);
    expect(view.clearSelection()).toBe(true);
    expect(view.clearSelection()).toBe(false);
  });

  it('asks for finer windows a moment after zooming stops, and forgets them at fit', async () => {
    const fake = fakeQueries();
    const view = createTimelineView(fake.queries, () => layout);
    view.inputChanged(input);
    view.zoom(4, 0.5);
    view.zoom(2, 0.5);
    expect(fake.windows).toHaveLength(0);
    vi.advanceTimersByTime(DETAIL_DELAY_MS);
    await vi.waitFor(() => expect(view.getState().details.size).toBe(1));
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]).toMatchObject({ runId: 'run-1', model: 'threads', lanes: [0, 1] });
    view.fit();
    expect(view.getState().details.size).toBe(0);
  });

  it('starts afresh on another run, and hints how to zoom when the wheel scrolled the page', () => {
    const fake = fakeQueries();
    const view = createTimelineView(fake.queries, () => layout);
    view.inputChanged(input);
    view.zoom(3);
    view.inputChanged({ ...input, runId: 'run-2' });
    expect(view.getState().look.viewport).toEqual({ start: 0, end: 1 });
    view.wheelIgnored();
    expect(view.getState().hint).toBe(WHEEL_HINT);
    vi.advanceTimersByTime(3000);
    expect(view.getState().hint).toBeNull();
  });

  it('moves a keyboard cursor over the lanes and chooses the task under it', async () => {
    const fake = fakeQueries();
    const view = createTimelineView(fake.queries, () => layout);
    view.inputChanged(input);
    view.focused(true);
    expect(view.getState().cursor?.row).toBe(layout.rows.indexOf(lane));
    view.cursorMoved(1);
    expect(layout.rows[view.getState().cursor!.row]).toMatchObject({ kind: 'lane', index: 1 });
    // What a screen reader hears as the cursor moves: the lane and the time under it.
    const at = view.getState().cursor!.ms;
    expect(cursorWords(view.getState().cursor, layout)).toBe(`threads · thread 2, at ${formatAt(at)}`);
    expect(cursorWords(null, layout)).toBe('');
    const choosing = view.cursorChosen();
    fake.release();
    await choosing;
    expect(fake.tasks.at(-1)).toMatchObject({ lane: 1 });
    view.focused(false);
    expect(view.getState().cursor).toBeNull();
  });
});
