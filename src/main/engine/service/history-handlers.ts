/** Handlers of the run history: list, open, delete, compare, export — races and lesson runs. */
import { compareRuns } from '../../../shared/compare-runs';
import type { RunView } from '../../../shared/views';
import type { ExportFile, ExportFormat } from '../../../shared/export-formats';
import type { RunResult } from '../../../shared/results';
import { exportRuns } from '../reporters/exports';
import { exportLessonRun, LessonExportUnsupported } from '../reporters/lesson-export';
import { LabFailure, type HandlerMap } from './lab-activity';
import type { SessionRuns } from './session-runs';

/** The views of races; `forLesson` says why a lesson run's id cannot be used here. */
async function viewsOf(runs: SessionRuns, runIds: readonly string[], forLesson: string): Promise<RunView[]> {
  return Promise.all(
    runIds.map(async (runId) => {
      const view = await runs.view(runId);
      if (view) return view;
      if (await runs.lesson(runId))
        throw new LabFailure('invalid-request', `run ${runId} is a lesson run: ${forLesson}`);
      throw new LabFailure('not-found', `no finished run ${runId} in the history`);
    }),
  );
}

async function exportSelection(
  runs: SessionRuns,
  runIds: readonly string[],
  format: ExportFormat,
): Promise<ExportFile> {
  const lesson = runIds.length === 1 ? await runs.lesson(runIds[0]!) : undefined;
  if (lesson) {
    try {
      return exportLessonRun(lesson, format);
    } catch (error) {
      if (error instanceof LessonExportUnsupported) throw new LabFailure('invalid-request', error.message);
      throw error;
    }
  }
  for (const runId of runIds)
    if (runIds.length > 1 && (await runs.lesson(runId)))
      throw new LabFailure(
        'invalid-request',
        `run ${runId} is a lesson run: lesson runs are exported one at a time, races of models together`,
      );
  const views = await viewsOf(runs, runIds, 'lesson runs are exported one at a time');
  const results: RunResult[] = await Promise.all(
    runIds.map(async (runId) => {
      const result = await runs.result(runId);
      if (!result) throw new LabFailure('not-found', `no finished run ${runId} in the history`);
      return result;
    }),
  );
  return exportRuns(results, views, format);
}

/** history:list, history:open, history:open-lesson, history:delete, history:compare and history:export. */
export function historyHandlers(
  runs: SessionRuns,
): HandlerMap<
  | 'history:list'
  | 'history:open'
  | 'history:open-lesson'
  | 'history:delete'
  | 'history:compare'
  | 'history:export'
> {
  return {
    'history:list': () => runs.list(),
    'history:open': async ({ runId }) =>
      (await viewsOf(runs, [runId], 'it opens in its lesson (history:open-lesson)'))[0]!,
    'history:open-lesson': async ({ runId }) => {
      const run = await runs.lesson(runId);
      if (!run) throw new LabFailure('not-found', `no finished lesson run ${runId} in the history`);
      return run;
    },
    'history:delete': async ({ runIds }) => ({ deleted: await runs.delete(runIds) }),
    'history:compare': async ({ runIds }) =>
      compareRuns(await viewsOf(runs, runIds, 'only races of models can be compared on one chart')),
    'history:export': ({ runIds, format }) => exportSelection(runs, runIds, format),
  };
}
