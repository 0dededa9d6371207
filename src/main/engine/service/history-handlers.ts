/** Handlers of the run history: list, open, delete, compare, export several runs. */
import { compareRuns } from '../../../shared/compare-runs';
import type { RunView } from '../../../shared/ipc';
import type { RunResult } from '../../../shared/results';
import { exportRuns } from '../exports';
import { LabFailure, type HandlerMap } from './lab-activity';
import type { SessionRuns } from './session-runs';

async function viewsOf(runs: SessionRuns, runIds: readonly string[]): Promise<RunView[]> {
  return Promise.all(
    runIds.map(async (runId) => {
      const view = await runs.view(runId);
      if (!view) throw new LabFailure('not-found', `no finished run ${runId} in the history`);
      return view;
    }),
  );
}

/** history:list, history:open, history:delete, history:compare and history:export. */
export function historyHandlers(
  runs: SessionRuns,
): HandlerMap<'history:list' | 'history:open' | 'history:delete' | 'history:compare' | 'history:export'> {
  return {
    'history:list': () => runs.list(),
    'history:open': async ({ runId }) => (await viewsOf(runs, [runId]))[0]!,
    'history:delete': async ({ runIds }) => ({ deleted: await runs.delete(runIds) }),
    'history:compare': async ({ runIds }) => compareRuns(await viewsOf(runs, runIds)),
    'history:export': async ({ runIds, format }) => {
      const views = await viewsOf(runs, runIds);
      const results: RunResult[] = await Promise.all(
        runIds.map(async (runId) => {
          const result = await runs.result(runId);
          if (!result) throw new LabFailure('not-found', `no finished run ${runId} in the history`);
          return result;
        }),
      );
      return exportRuns(results, views, format);
    },
  };
}
