import { describe, expect, it } from 'vitest';
import type { SystemStats } from '../../../shared/views';
import type { Frame } from '../perf/frame-statistics';
import { createLabStore } from '../store/lab-store';
import { initialFormText } from '../store/lessons-slice-forms';
import { engineLessonRequest } from '../store/lessons-slice-requests';
import { selectJobRows } from '../store/responsiveness-slice';
import { FakeLabApi } from '../test-support/fake-lab-api';
import { CATALOG } from '../test-support/fixtures';
import { createJobController, type JobMeters, type PageJobs } from './job-controller';

const BUDGET = 1000 / 60;
const EPOCH = 1_700_000_000_000;

function stats(max: number): SystemStats {
  return {
    at: EPOCH,
    eventLoopDelay: { p50: 1, p99: max / 2, max },
    eventLoopUtilization: 0.1,
    processCpuPercent: 5,
    machineCpuPercent: 20,
    rssMb: 90,
    heapUsedMb: 12,
  };
}

/** A clock and frame meter the test moves by hand: `frames` are what the recording will return. */
function fakeMeters(frames: Frame[], longTasks: number | null = null) {
  const clock = { now: 0, epoch: EPOCH };
  const meters: JobMeters = {
    frames: { record: () => ({ stop: () => ({ frames, budgetMs: BUDGET }) }) },
    longTasks: longTasks === null ? null : { countBetween: () => longTasks, stop: () => {} },
    now: () => clock.now,
    nextFrame: async () => {
      clock.now += BUDGET;
    },
    epochNow: () => clock.epoch,
  };
  return { clock, meters };
}

function setUp(frames: Frame[], page: Partial<PageJobs> = {}, longTasks: number | null = null) {
  const api = new FakeLabApi();
  const store = createLabStore();
  store.getState().connectionChanged('open');
  store.getState().catalogLoaded(CATALOG);
  store.getState().jobKnobEdited('durationMs', '2000');
  const { clock, meters } = fakeMeters(frames, longTasks);
  const pageJobs: PageJobs = {
    onRendererThread: async () => {
      clock.now += 2000;
      return 42;
    },
    inWebWorker: async () => 42,
    ...page,
  };
  api.handle('job:plan', ({ durationMs }) => ({
    ok: true,
    value: { durationMs, start: 1_000_000_000, end: 1_000_100_000, expected: 42 },
  }));
  const jobs = createJobController(api, store, meters, pageJobs);
  return { api, store, clock, jobs };
}

describe('job controller', () => {
  it('runs an engine placement and keeps the engine’s own loop-delay measurement', async () => {
    const { api, store, clock, jobs } = setUp([{ at: 10, gap: 16.7 }], {}, 0);
    api.handle('job:run', async ({ placement }) => {
      clock.now += 2100;
      return {
        ok: true,
        value: {
          placement,
          startedAt: EPOCH,
          endedAt: EPOCH + 2000,
          count: 42,
          ok: true,
          mainLoopDelayMaxMs: 1998,
        },
      };
    });
    await jobs.runJob('main-thread');
    expect(api.calls.at(-1)).toEqual({
      channel: 'job:run',
      request: { placement: 'main-thread', durationMs: 2000, chunkMs: 10 },
    });
    const [row] = selectJobRows(store.getState());
    expect(row).toMatchObject({
      placement: 'main-thread',
      jobMs: 2100,
      longestGapMs: 16.7,
      mainLoopDelayMaxMs: 1998,
      verdict: 'froze',
      ok: true,
      chunkMs: null,
    });
  });

  it('runs the job on the page, checks the count against the plan, and measures the frames it froze', async () => {
    const frames = [
      { at: 16, gap: 16.7 },
      { at: 2033, gap: 2017 },
    ];
    const { api, store, jobs } = setUp(frames, {}, 1);
    // A sample that arrives during the job, then the heartbeat that says the stats have caught up.
    api.handle('job:plan', ({ durationMs }) => {
      store.getState().systemSampled(stats(7));
      return { ok: true, value: { durationMs, start: 1, end: 2, expected: 42 } };
    });
    const done = jobs.runJob('renderer-thread');
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().heartbeatReceived({ seq: 1, at: EPOCH + 5 }, 0);
    await done;
    expect(api.channels()).toEqual(['job:plan']);
    expect(selectJobRows(store.getState())[0]).toMatchObject({
      placement: 'renderer-thread',
      longestGapMs: 2017,
      droppedFrames: 120,
      longTasks: 1,
      longTaskSource: 'longtask',
      mainLoopDelayMaxMs: 7,
      verdict: 'froze',
      count: 42,
      ok: true,
    });
  });

  it('says so when no stats sample arrived, and counts long gaps where there is no Long Tasks API', async () => {
    const frames = [
      { at: 16, gap: 16.7 },
      { at: 80, gap: 64 },
    ];
    const { store, jobs } = setUp(frames, { inWebWorker: async () => 41 });
    store.getState().heartbeatReceived({ seq: 1, at: EPOCH + 1 }, 0);
    await jobs.runJob('web-worker');
    expect(selectJobRows(store.getState())[0]).toMatchObject({
      mainLoopDelayMaxMs: null,
      longTasks: 1,
      longTaskSource: 'frame-gaps',
      verdict: 'smooth',
      ok: false,
    });
  });

  it('reports a refused job and frees the buttons', async () => {
    const { api, store, jobs } = setUp([]);
    api.handle('job:run', () => ({
      ok: false,
      error: { code: 'busy', message: 'a run is in progress: the lab measures one thing at a time' },
    }));
    await jobs.runJob('worker-thread');
    expect(store.getState().responsiveness).toMatchObject({
      active: null,
      rows: [],
      error: 'The job did not finish: a run is in progress: the lab measures one thing at a time',
    });
  });

  it('presses nothing while the settings are invalid or another job runs', async () => {
    const { api, store, jobs } = setUp([]);
    store.getState().jobKnobEdited('durationMs', 'abc');
    await jobs.runJob('web-worker');
    store.getState().jobKnobEdited('durationMs', '2000');
    store.getState().trapStarted(true);
    await jobs.runJob('web-worker');
    await jobs.runAsyncTrap(false);
    expect(api.calls).toEqual([]);
  });

  it('presses nothing while a lesson runs, not even on the page’s own thread', async () => {
    let pageJobs = 0;
    const { api, store, jobs } = setUp([], {
      onRendererThread: async () => ++pageJobs,
      inWebWorker: async () => ++pageJobs,
    });
    const lesson = engineLessonRequest('race-condition', initialFormText()['race-condition'], 'threads');
    if (!lesson.ok) throw new Error('defaults must be valid');
    store.getState().engineLessonStarted(lesson.value);
    await jobs.runJob('renderer-thread');
    await jobs.runJob('web-worker');
    await jobs.runJob('worker-thread');
    await jobs.runAsyncTrap(true);
    expect(pageJobs).toBe(0);
    expect(api.calls).toEqual([]);
    expect(store.getState().responsiveness).toMatchObject({ active: null, rows: [] });
  });

  it('runs the async trap and keeps its result by kind', async () => {
    const { api, store, jobs } = setUp([]);
    api.handle('job:async-trap', ({ blocking, sleepMs }) => ({
      ok: true,
      value: { blocking, sleepMs, tasks: [], pollersDoneMs: blocking ? 1950 : 1005 },
    }));
    store.getState().jobKnobEdited('sleepMs', '1000');
    await jobs.runAsyncTrap(true);
    expect(api.calls.at(-1)).toEqual({
      channel: 'job:async-trap',
      request: { blocking: true, sleepMs: 1000 },
    });
    expect(store.getState().responsiveness.traps.blocking?.pollersDoneMs).toBe(1950);
    expect(store.getState().responsiveness.active).toBeNull();
  });
});
