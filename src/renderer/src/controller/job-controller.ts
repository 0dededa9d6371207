/**
 * The responsiveness lab's presses: runs the CPU job where asked — on this page's thread, in a Web
 * Worker, or in the engine — and measures what the user lived through meanwhile (frame gaps from the
 * press to the result plus one frame, long tasks, the main process's loop delay), then the async trap.
 */
import type { LabApi } from '../../../shared/ipc';
import { JOB_PLACEMENTS, type EngineJobPlacement, type JobPlacement } from '../../../shared/responsiveness';
import type { FrameMeter } from '../perf/frame-meter';
import { longGaps, summarizeFrames } from '../perf/frame-statistics';
import type { LongTaskWatcher } from '../perf/long-task-watcher';
import type { LabStore } from '../store/lab-store';
import { selectJobBlocker, selectJobKnob, type JobKnobKey } from '../store/responsiveness-slice';
import { delayMaxSince } from '../store/system-slice';
import { errorMessage } from '../../../shared/format';

/** The two placements the page runs itself. */
export type PagePlacement = Exclude<JobPlacement, EngineJobPlacement>;

/** Whether the page runs this placement itself (the engine runs the rest). */
export function isPagePlacement(placement: JobPlacement): placement is PagePlacement {
  return placement === 'renderer-thread' || placement === 'web-worker';
}

/** The settings a placement's button needs. */
export function knobsOf(placement: JobPlacement): readonly JobKnobKey[] {
  return placement === 'main-thread-chunked' ? ['durationMs', 'chunkMs'] : ['durationMs'];
}

/** Counting primes where the page can: its own thread, or a Web Worker. */
export interface PageJobs {
  onRendererThread(start: number, end: number): Promise<number>;
  inWebWorker(start: number, end: number): Promise<number>;
}

/** What the controller measures with. */
export interface JobMeters {
  readonly frames: Pick<FrameMeter, 'record'>;
  /** null where the browser has no Long Tasks API: long frame gaps are counted instead. */
  readonly longTasks: LongTaskWatcher | null;
  /** performance.now(). */
  now(): number;
  /** Resolves at the next animation frame. */
  nextFrame(): Promise<unknown>;
  /** Date.now(): the clock the main process stamps its heartbeats with (same machine). */
  epochNow(): number;
}

/** How long a page job waits for the main process's stats to catch up after the result, at most, ms. */
export const STATS_CATCH_UP_MS = 1000;

/**
 * Resolves once a heartbeat stamped at or after `epochMs` has been handled, or after `timeoutMs`.
 * Events arrive in order, so every stats sample sent before that beat has been handled too — even
 * those that queued up while the page's own thread was blocked.
 */
export function heartbeatAfter(store: LabStore, epochMs: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = store.subscribe(
      (s) => s.heartbeat.last,
      (beat) => {
        if (beat && beat.at >= epochMs) done();
      },
    );
    const last = store.getState().heartbeat.last;
    if (last && last.at >= epochMs) done();
  });
}

/** The lab's intents. */
export interface JobController {
  runJob(placement: JobPlacement): Promise<void>;
  runAsyncTrap(blocking: boolean): Promise<void>;
}

class JobFailure extends Error {}

/** Creates the controller of the responsiveness lab. */
export function createJobController(
  api: LabApi,
  store: LabStore,
  meters: JobMeters,
  page: PageJobs,
): JobController {
  const state = () => store.getState();

  async function countOnPage(placement: PagePlacement, durationMs: number) {
    const plan = await api.invoke('job:plan', { durationMs });
    if (!plan.ok) throw new JobFailure(plan.error.message);
    const { start, end, expected } = plan.value;
    const count =
      placement === 'renderer-thread'
        ? await page.onRendererThread(start, end)
        : await page.inWebWorker(start, end);
    return { count, ok: count === expected, mainLoopDelayMaxMs: null };
  }

  async function countInEngine(placement: EngineJobPlacement, durationMs: number, chunkMs: number) {
    const reply = await api.invoke('job:run', { placement, durationMs, chunkMs });
    if (!reply.ok) throw new JobFailure(reply.error.message);
    const { count, ok, mainLoopDelayMaxMs } = reply.value;
    return { count, ok, mainLoopDelayMaxMs };
  }

  async function runJob(placement: JobPlacement): Promise<void> {
    if (!JOB_PLACEMENTS.includes(placement)) return;
    if (selectJobBlocker(state(), knobsOf(placement)) !== null) return;
    const durationMs = selectJobKnob(state(), 'durationMs')!;
    const chunkMs = selectJobKnob(state(), 'chunkMs') ?? 1;
    const pressedAt = meters.now();
    const recorder = meters.frames.record();
    const samplesBefore = state().system.samples;
    state().jobStarted(placement);
    try {
      const outcome = isPagePlacement(placement)
        ? await countOnPage(placement, durationMs)
        : await countInEngine(placement, durationMs, chunkMs);
      const resultAt = meters.now();
      const resultEpoch = meters.epochNow();
      // The frame after the result shows whether the page got its thread back.
      await meters.nextFrame();
      const { frames, budgetMs } = recorder.stop();
      const summary = summarizeFrames(frames, budgetMs);
      const endedAt = meters.now();
      if (outcome.mainLoopDelayMaxMs === null) await heartbeatAfter(store, resultEpoch, STATS_CATCH_UP_MS);
      state().jobMeasured({
        placement,
        durationMs,
        chunkMs: placement === 'main-thread-chunked' ? chunkMs : null,
        jobMs: resultAt - pressedAt,
        longestGapMs: summary.longestGapMs,
        droppedFrames: summary.droppedFrames,
        longTasks: meters.longTasks
          ? meters.longTasks.countBetween(pressedAt, endedAt)
          : longGaps(frames.map((frame) => frame.gap)),
        longTaskSource: meters.longTasks ? 'longtask' : 'frame-gaps',
        mainLoopDelayMaxMs:
          outcome.mainLoopDelayMaxMs ?? delayMaxSince(samplesBefore, state().system.samples),
        count: outcome.count,
        ok: outcome.ok,
      });
    } catch (error) {
      recorder.stop();
      const message = errorMessage(error);
      state().jobFailed(`The job did not finish: ${message}`);
    }
  }

  async function runAsyncTrap(blocking: boolean): Promise<void> {
    if (selectJobBlocker(state(), ['sleepMs']) !== null) return;
    const sleepMs = selectJobKnob(state(), 'sleepMs')!;
    state().trapStarted(blocking);
    const reply = await api.invoke('job:async-trap', { blocking, sleepMs });
    if (reply.ok) state().trapFinished(reply.value);
    else state().trapFailed(`The async trap did not finish: ${reply.error.message}`);
  }

  return { runJob, runAsyncTrap };
}
