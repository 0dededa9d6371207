/** Handlers of the responsiveness jobs and the workshop lessons: one at a time, cancellable, streaming progress. */
import type { LabEvent } from '../../../shared/ipc';
import { runDataPassingLesson } from '../lessons/data-passing';
import { runDeadlockLesson } from '../lessons/deadlock';
import { runPipelineLesson } from '../lessons/pipeline';
import { runRaceConditionLesson } from '../lessons/race-condition';
import { ResponsivenessJobs } from '../responsiveness/responsiveness-jobs';
import type { EngineOptions } from '../run-session';
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

/** Jobs and lessons, each alone (see LabActivity.exclusively). */
export function lessonHandlers(
  engine: EngineOptions,
  activity: LabActivity,
  emit: (event: LabEvent) => void,
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
        runRaceConditionLesson(request, env(signal)),
      ),
    'lesson:data-passing': (request) =>
      activity.exclusively('the data-passing lesson', (signal) =>
        runDataPassingLesson(request, env(signal), {
          onRow: (row) => emit({ event: 'lesson:progress', payload: { lesson: 'data-passing', row } }),
        }),
      ),
    'lesson:pipeline': (request) =>
      activity.exclusively('the pipeline lesson', (signal) =>
        runPipelineLesson(request, env(signal), {
          onProgress: (point) => emit({ event: 'lesson:progress', payload: { lesson: 'pipeline', point } }),
        }),
      ),
    'lesson:deadlock': (request) =>
      activity.exclusively('the deadlock lesson', (signal) => runDeadlockLesson(request, env(signal))),
    'lesson:cancel': async () => ({ cancelled: activity.cancelExclusive() }),
  };
}
