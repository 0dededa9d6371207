/** Handlers of the responsiveness jobs and the workshop lessons: one at a time, cancellable, streaming progress. */
import { randomUUID } from 'node:crypto';
import type { LabEvent } from '../../../shared/ipc';
import {
  ENGINE_LESSON_IDS,
  lessonChannel,
  type EngineLessonId,
  type LessonChannel,
} from '../../../shared/lessons/lesson-ids';
import type { LessonProgress, LessonRun, LessonRunOf, RequestOf } from '../../../shared/lessons/registry';
import type { EngineLessonPart } from '../lessons/engine-lesson';
import { ENGINE_LESSON_PARTS } from '../lessons/engine-lessons';
import type { LessonEnvironment } from '../lessons/lesson-environment';
import { ResponsivenessJobs } from '../responsiveness/responsiveness-jobs';
import type { EngineOptions } from '../run/run-session';
import type { HandlerMap, LabActivity } from './lab-activity';

/** Keeps a finished lesson run in the history; a cancelled or failed one throws before it gets here. */
export type SaveLessonRun = (run: LessonRun) => void;

/** What every lesson's handler needs: one thing at a time, events out, runs kept. */
interface LessonHandlerContext {
  readonly activity: LabActivity;
  readonly env: (signal: AbortSignal) => LessonEnvironment;
  readonly emit: (event: LabEvent) => void;
  readonly save: SaveLessonRun;
}

/**
 * A lesson's handler: runs it alone, streams its progress as lesson:progress, saves the run, and
 * replies with it — the LessonRun that history:open-lesson returns for it later.
 */
function lessonHandler<L extends EngineLessonId>(
  lesson: L,
  { activity, env, emit, save }: LessonHandlerContext,
): (request: RequestOf<L>) => Promise<LessonRunOf<L>> {
  const part: EngineLessonPart<L> = ENGINE_LESSON_PARTS[lesson];
  return (request) =>
    activity.exclusively(`the ${lesson} lesson`, async (signal) => {
      const startedAt = new Date().toISOString();
      const result = await part.run(request, env(signal), (update) =>
        // TypeScript cannot relate one lesson's progress to the union of every lesson's.
        emit({ event: 'lesson:progress', payload: { lesson, ...update } as LessonProgress }),
      );
      const run: LessonRunOf<L> = { lesson, request, result, runId: randomUUID(), startedAt };
      save(run as LessonRun); // one member of the union, as above
      return run;
    });
}

/** The responsiveness jobs' channels. */
type JobChannel = 'job:plan' | 'job:run' | 'job:async-trap';

/** Jobs and lessons, each alone (see LabActivity.exclusively); every finished lesson run is saved. */
export function lessonHandlers(
  engine: EngineOptions,
  activity: LabActivity,
  emit: (event: LabEvent) => void,
  save: SaveLessonRun,
): HandlerMap<JobChannel | LessonChannel | 'lesson:cancel'> {
  const jobs = new ResponsivenessJobs({ hostScripts: engine.hostScripts, spawner: engine.spawner });
  const env = (signal: AbortSignal) => ({ hostScripts: engine.hostScripts, spawner: engine.spawner, signal });
  const context: LessonHandlerContext = { activity, env, emit, save };
  // One handler per lesson of the registry; the map's type is the contract's, spelled per channel.
  const lessons = Object.fromEntries(
    ENGINE_LESSON_IDS.map((lesson) => [lessonChannel(lesson), lessonHandler(lesson, context)]),
  ) as HandlerMap<LessonChannel>;
  return {
    ...lessons,
    'job:plan': ({ durationMs }) => activity.exclusively('a job', () => jobs.plan(durationMs)),
    'job:run': ({ placement, durationMs, chunkMs }) =>
      activity.exclusively('a job', () => jobs.run(placement, durationMs, chunkMs)),
    'job:async-trap': ({ blocking, sleepMs }) =>
      activity.exclusively('a job', () => jobs.asyncTrap(blocking, sleepMs)),
    'lesson:cancel': async () => ({ cancelled: activity.cancelExclusive() }),
  };
}
