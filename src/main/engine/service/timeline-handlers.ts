/** Handlers of the timeline's questions: the tasks under the pointer, and a zoomed-in window. */
import type { ModelId } from '../../../shared/models';
import type { ModelTimeline, RunTimelines } from '../timeline/run-timelines';
import { tasksIn, windowOf } from '../timeline/timeline-queries';
import { LabFailure, type HandlerMap } from './lab-activity';

async function timelineOf(timelines: RunTimelines, runId: string, model: ModelId): Promise<ModelTimeline> {
  const timeline = await timelines.model(runId, model);
  if (!timeline) throw new LabFailure('not-found', `no ${model} timeline in run ${runId}`);
  return timeline;
}

/** timeline:tasks and timeline:window, answered from the live run, the last runs or the history. */
export function timelineHandlers(timelines: RunTimelines): HandlerMap<'timeline:tasks' | 'timeline:window'> {
  return {
    'timeline:tasks': async (request) => {
      const timeline = await timelineOf(timelines, request.runId, request.model);
      return tasksIn(timeline.columns, request, timeline.nowMs());
    },
    'timeline:window': async (request) => {
      const timeline = await timelineOf(timelines, request.runId, request.model);
      return windowOf(timeline.columns, request);
    },
  };
}
