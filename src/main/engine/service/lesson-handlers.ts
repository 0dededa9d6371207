/** Handlers of the responsiveness jobs and the workshop lessons: one at a time, cancellable, streaming progress. */
import { randomUUID } from 'node:crypto';
import type { LabEvent } from '../../../shared/ipc';
import { errorMessage } from '../../../shared/format';
import {
  ENGINE_LESSON_IDS,
  lessonChannel,
  type EngineLessonId,
  type LessonChannel,
} from '../../../shared/lessons/lesson-ids';
import type { LessonProgress, LessonRun, LessonRunOf, RequestOf } from '../../../shared/lessons/registry';
import type { LabCaller, LessonEnding, LessonRequestRecord } from '../../../shared/room';
import type { EngineLessonPart } from '../lessons/engine-lesson';
import { ENGINE_LESSON_PARTS } from '../lessons/engine-lessons';
import type { LessonEnvironment } from '../lessons/lesson-environment';
import { ResponsivenessJobs } from '../responsiveness/responsiveness-jobs';
import type { DistributedSettings } from '../models/distributed/distributed-model';
import type { EngineOptions } from '../run/run-session';
import type { CpuHistory } from '../system/cpu-load';
import { LabFailure, type Handler, type HandlerMap, type LabActivity } from './lab-activity';

/** Keeps a finished lesson run in the history; a cancelled or failed one throws before it gets here. */
export type SaveLessonRun = (run: LessonRun) => void;

/** What every lesson's handler needs: one thing at a time, events out, runs kept. */
interface LessonHandlerContext {
  readonly activity: LabActivity;
  readonly env: (signal: AbortSignal) => LessonEnvironment;
  readonly emit: (event: LabEvent) => void;
  readonly save: SaveLessonRun;
  /** Where the lesson reads the machine's load of the second before it (the system monitor's readings). */
  readonly cpuHistory?: CpuHistory;
}

/**
 * A lesson's handler: runs it alone (announced to the room as this lesson, asked for by `by`), streams
 * its progress as lesson:progress, saves the run, and replies with it — the LessonRun that
 * history:open-lesson returns for it later. Every window hears how it ended on lesson:ended, a
 * finished run with that same LessonRun; a refusal as busy never started it and is not announced.
 */
function lessonHandler<L extends EngineLessonId>(
  lesson: L,
  { activity, env, emit, save, cpuHistory }: LessonHandlerContext,
): Handler<`lesson:${L}`> {
  const part: EngineLessonPart<L> = ENGINE_LESSON_PARTS[lesson];
  const ended = (ending: LessonEnding): void => emit({ event: 'lesson:ended', payload: ending });
  const handle = async (request: RequestOf<L>, by: LabCaller): Promise<LessonRunOf<L>> => {
    // One member of the union: TypeScript does not relate a generic lesson's record to it.
    const announced = { lesson, request } as LessonRequestRecord;
    try {
      const run = await activity.exclusively(
        { kind: 'lesson', lesson: announced, by, startedAt: new Date().toISOString() },
        async (signal) => {
          const startedAt = new Date().toISOString();
          // Lessons run their own threads and processes, whose CPU they do not report: the rule reads the second before.
          const before = cpuHistory?.secondBefore() ?? null;
          const result = await part.run(request, env(signal), (update) =>
            // TypeScript cannot relate one lesson's progress to the union of every lesson's.
            emit({ event: 'lesson:progress', payload: { lesson, ...update } as LessonProgress }),
          );
          const load = { windows: before ? [before] : [] };
          const run: LessonRunOf<L> = { lesson, request, result, runId: randomUUID(), startedAt, load };
          save(run as LessonRun); // one member of the union, as above
          return run;
        },
      );
      ended({ lesson, outcome: 'finished', run: run as LessonRun });
      return run;
    } catch (error) {
      if (error instanceof LabFailure && error.code === 'busy') throw error;
      if (error instanceof LabFailure && error.code === 'cancelled') ended({ lesson, outcome: 'cancelled' });
      else ended({ lesson, outcome: 'failed', message: errorMessage(error) });
      throw error;
    }
  };
  // The contract's request and reply of `lesson:${L}` are RequestOf<L> and LessonRunOf<L>; TypeScript
  // does not resolve the contract's entry for a generic lesson.
  return handle as unknown as Handler<`lesson:${L}`>;
}

/** The responsiveness jobs' channels. */
type JobChannel = 'job:plan' | 'job:run' | 'job:async-trap';

/** Jobs and lessons, each alone (see LabActivity.exclusively); every finished lesson run is saved and announced. */
export function lessonHandlers(
  engine: EngineOptions,
  activity: LabActivity,
  emit: (event: LabEvent) => void,
  save: SaveLessonRun,
  distributed: () => DistributedSettings = () => ({ server: null }),
): HandlerMap<JobChannel | LessonChannel | 'lesson:cancel'> {
  const jobs = new ResponsivenessJobs({ hostScripts: engine.hostScripts, spawner: engine.spawner });
  const env = (signal: AbortSignal): LessonEnvironment => ({
    hostScripts: engine.hostScripts,
    spawner: engine.spawner,
    signal,
    distributed: distributed(),
  });
  const context: LessonHandlerContext = {
    activity,
    env,
    emit,
    save,
    ...(engine.cpuHistory ? { cpuHistory: engine.cpuHistory } : {}),
  };
  const job = <T>(what: string, by: LabCaller, work: () => Promise<T>): Promise<T> =>
    activity.exclusively({ kind: 'job', what, by, startedAt: new Date().toISOString() }, work);
  // One handler per lesson of the registry; the map's type is the contract's, spelled per channel.
  const lessons = Object.fromEntries(
    ENGINE_LESSON_IDS.map((lesson) => [lessonChannel(lesson), lessonHandler(lesson, context)]),
  ) as HandlerMap<LessonChannel>;
  return {
    ...lessons,
    'job:plan': ({ durationMs }, by) => job('a responsiveness job', by, () => jobs.plan(durationMs)),
    'job:run': ({ placement, durationMs, chunkMs }, by) =>
      job('a responsiveness job', by, () => jobs.run(placement, durationMs, chunkMs)),
    'job:async-trap': ({ blocking, sleepMs }, by) =>
      job('the async trap', by, () => jobs.asyncTrap(blocking, sleepMs)),
    'lesson:cancel': async () => ({ cancelled: activity.cancelExclusive() }),
  };
}
