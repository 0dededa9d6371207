/** Handlers of the responsiveness jobs and the workshop lessons: one at a time, cancellable, streaming progress. */
import { randomUUID } from 'node:crypto';
import type { LabEvent } from '../../../shared/ipc';
import type {
  LessonRecord,
  LessonRun,
  LessonRunMeta,
  Saved,
  SavedLessonId,
} from '../../../shared/lesson-runs';
import { errorMessage } from '../../../shared/format';
import type { LabCaller, LessonEnding, LessonRequestRecord } from '../../../shared/room';
import { runDataPassingLesson } from '../lessons/data-passing';
import { runDeadlockLesson } from '../lessons/deadlock';
import { runPipelineLesson } from '../lessons/pipeline';
import { runRaceConditionLesson } from '../lessons/race-condition';
import { ResponsivenessJobs } from '../responsiveness/responsiveness-jobs';
import type { EngineOptions } from '../run/run-session';
import { LabFailure, type HandlerMap, type LabActivity } from './lab-activity';

type LessonChannel =
  | 'job:plan'
  | 'job:run'
  | 'job:async-trap'
  | 'lesson:race-condition'
  | 'lesson:data-passing'
  | 'lesson:pipeline'
  | 'lesson:deadlock'
  | 'lesson:cancel';

type RecordOf<L extends SavedLessonId> = Extract<LessonRecord, { readonly lesson: L }>;

/** Keeps a finished lesson run in the history; a cancelled or failed one throws before it gets here. */
export type SaveLessonRun = (run: LessonRun) => void;

/**
 * Runs a lesson and saves what it measured, with its id and start time in the reply (for exports).
 * The record is typed by the lesson, so a request can never be stored with another lesson's result.
 */
async function measured<L extends SavedLessonId>(
  save: SaveLessonRun,
  lesson: L,
  request: RecordOf<L>['request'],
  measure: () => Promise<RecordOf<L>['result']>,
): Promise<{ readonly reply: Saved<RecordOf<L>['result']>; readonly run: LessonRun }> {
  const startedAt = new Date().toISOString();
  const result = await measure();
  const meta: LessonRunMeta = { runId: randomUUID(), startedAt };
  const run = { lesson, request, result, ...meta } as LessonRun;
  save(run);
  // The same type spelt two ways: TypeScript does not relate a spread of a generic to Saved<...>.
  return { reply: { ...result, ...meta } as Saved<RecordOf<L>['result']>, run };
}

/** Jobs and lessons, each alone (see LabActivity.exclusively); every finished lesson run is saved and announced. */
export function lessonHandlers(
  engine: EngineOptions,
  activity: LabActivity,
  emit: (event: LabEvent) => void,
  save: SaveLessonRun,
): HandlerMap<LessonChannel> {
  const jobs = new ResponsivenessJobs({ hostScripts: engine.hostScripts, spawner: engine.spawner });
  const env = (signal: AbortSignal) => ({ hostScripts: engine.hostScripts, spawner: engine.spawner, signal });
  const job = <T>(what: string, by: LabCaller, work: () => Promise<T>): Promise<T> =>
    activity.exclusively({ kind: 'job', what, by, startedAt: new Date().toISOString() }, work);
  const ended = (ending: LessonEnding): void => emit({ event: 'lesson:ended', payload: ending });
  /** Runs a lesson alone and tells every window how it ended (a refusal as busy never started it). */
  const lesson = async <L extends SavedLessonId>(
    id: L,
    request: RecordOf<L>['request'],
    by: LabCaller,
    measure: (signal: AbortSignal) => Promise<RecordOf<L>['result']>,
  ): Promise<Saved<RecordOf<L>['result']>> => {
    const announced = { lesson: id, request } as LessonRequestRecord;
    try {
      const { reply, run } = await activity.exclusively(
        { kind: 'lesson', lesson: announced, by, startedAt: new Date().toISOString() },
        (signal) => measured(save, id, request, () => measure(signal)),
      );
      ended({ lesson: id, outcome: 'finished', run });
      return reply;
    } catch (error) {
      if (error instanceof LabFailure && error.code === 'busy') throw error;
      if (error instanceof LabFailure && error.code === 'cancelled')
        ended({ lesson: id, outcome: 'cancelled' });
      else ended({ lesson: id, outcome: 'failed', message: errorMessage(error) });
      throw error;
    }
  };
  return {
    'job:plan': ({ durationMs }, by) => job('a responsiveness job', by, () => jobs.plan(durationMs)),
    'job:run': ({ placement, durationMs, chunkMs }, by) =>
      job('a responsiveness job', by, () => jobs.run(placement, durationMs, chunkMs)),
    'job:async-trap': ({ blocking, sleepMs }, by) =>
      job('the async trap', by, () => jobs.asyncTrap(blocking, sleepMs)),
    'lesson:race-condition': (request, by) =>
      lesson('race-condition', request, by, (signal) => runRaceConditionLesson(request, env(signal))),
    'lesson:data-passing': (request, by) =>
      lesson('data-passing', request, by, (signal) =>
        runDataPassingLesson(request, env(signal), {
          onRow: (row) => emit({ event: 'lesson:progress', payload: { lesson: 'data-passing', row } }),
        }),
      ),
    'lesson:pipeline': (request, by) =>
      lesson('pipeline', request, by, (signal) =>
        runPipelineLesson(request, env(signal), {
          onProgress: (point) => emit({ event: 'lesson:progress', payload: { lesson: 'pipeline', point } }),
        }),
      ),
    'lesson:deadlock': (request, by) =>
      lesson('deadlock', request, by, (signal) => runDeadlockLesson(request, env(signal))),
    'lesson:cancel': async () => ({ cancelled: activity.cancelExclusive() }),
  };
}
