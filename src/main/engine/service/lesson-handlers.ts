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
import { runDataPassingLesson } from '../lessons/data-passing';
import { runDeadlockLesson } from '../lessons/deadlock';
import { runPipelineLesson } from '../lessons/pipeline';
import { runRaceConditionLesson } from '../lessons/race-condition';
import { ResponsivenessJobs } from '../responsiveness/responsiveness-jobs';
import type { EngineOptions } from '../run/run-session';
import type { HandlerMap, LabActivity } from './lab-activity';

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
): Promise<Saved<RecordOf<L>['result']>> {
  const startedAt = new Date().toISOString();
  const result = await measure();
  const meta: LessonRunMeta = { runId: randomUUID(), startedAt };
  save({ lesson, request, result, ...meta } as LessonRun);
  // The same type spelt two ways: TypeScript does not relate a spread of a generic to Saved<...>.
  return { ...result, ...meta } as Saved<RecordOf<L>['result']>;
}

/** Jobs and lessons, each alone (see LabActivity.exclusively); every finished lesson run is saved. */
export function lessonHandlers(
  engine: EngineOptions,
  activity: LabActivity,
  emit: (event: LabEvent) => void,
  save: SaveLessonRun,
): HandlerMap<LessonChannel> {
  const jobs = new ResponsivenessJobs({ hostScripts: engine.hostScripts, spawner: engine.spawner });
  const env = (signal: AbortSignal) => ({ hostScripts: engine.hostScripts, spawner: engine.spawner, signal });
  return {
    'job:plan': ({ durationMs }) => activity.exclusively('a job', () => jobs.plan(durationMs)),
    'job:run': ({ placement, durationMs, chunkMs }) =>
      activity.exclusively('a job', () => jobs.run(placement, durationMs, chunkMs)),
    'job:async-trap': ({ blocking, sleepMs }) =>
      activity.exclusively('a job', () => jobs.asyncTrap(blocking, sleepMs)),
    'lesson:race-condition': (request) =>
      activity.exclusively('the race-condition lesson', (signal) =>
        measured(save, 'race-condition', request, () => runRaceConditionLesson(request, env(signal))),
      ),
    'lesson:data-passing': (request) =>
      activity.exclusively('the data-passing lesson', (signal) =>
        measured(save, 'data-passing', request, () =>
          runDataPassingLesson(request, env(signal), {
            onRow: (row) => emit({ event: 'lesson:progress', payload: { lesson: 'data-passing', row } }),
          }),
        ),
      ),
    'lesson:pipeline': (request) =>
      activity.exclusively('the pipeline lesson', (signal) =>
        measured(save, 'pipeline', request, () =>
          runPipelineLesson(request, env(signal), {
            onProgress: (point) => emit({ event: 'lesson:progress', payload: { lesson: 'pipeline', point } }),
          }),
        ),
      ),
    'lesson:deadlock': (request) =>
      activity.exclusively('the deadlock lesson', (signal) =>
        measured(save, 'deadlock', request, () => runDeadlockLesson(request, env(signal))),
      ),
    'lesson:cancel': async () => ({ cancelled: activity.cancelExclusive() }),
  };
}
