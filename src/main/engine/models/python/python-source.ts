/**
 * The Python a CPython model runs, for the "Python code" view: the harness's own files, read from
 * where the engine runs them, never written. A model's program comes first (the classic
 * FileProcessor for the "10 files" scenarios, the lab's models otherwise), then what it calls.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { PythonSource, PythonSourceFile } from '../../../../shared/python-run';
import type { ScenarioId } from '../../../../shared/scenarios';
import type { ProbeContext } from '../executor-environment';
import { FILE_PROCESSOR_SCENARIOS, type PythonModelId } from './python-models';

/** Where each model's own code starts in the lab's models (models.py). */
const LAB_CLASSES: Readonly<Record<PythonModelId, string>> = {
  'py-sequential': 'class Sequential(',
  'py-asyncio': 'class AsyncioGather(',
  'py-threads': 'class ThreadPool(',
  'py-processes': 'class ProcessPoolModel(',
  'py-threads-nogil': 'class ThreadPool(',
};

/** Where each model's own code starts in the classic assignment (file_processor.py). */
const CLASSIC_CLASSES: Readonly<Record<PythonModelId, string>> = {
  'py-sequential': 'class SequentialFileProcessor(',
  'py-asyncio': 'class AsyncioFileProcessor(',
  'py-threads': 'class ThreadedFileProcessor(',
  'py-processes': 'class MultiprocessingFileProcessor(',
  'py-threads-nogil': 'class ThreadedFileProcessor(',
};

type FileAndFocus = readonly [path: string, focus: string | null];

/** The files, relative to the harness folder, and where to look first in each. */
function filesOf(model: PythonModelId, scenario: ScenarioId): FileAndFocus[] {
  const program: FileAndFocus[] = FILE_PROCESSOR_SCENARIOS.includes(scenario)
    ? [['concurrency_lab/file_processor.py', CLASSIC_CLASSES[model]]]
    : [['concurrency_lab/models.py', LAB_CLASSES[model]]];
  if (model === 'py-processes' && !FILE_PROCESSOR_SCENARIOS.includes(scenario))
    program.push(['concurrency_lab/process_pool.py', null]);
  return [...program, ['concurrency_lab/workloads.py', null], ['concurrency_lab/gil_costs.py', null]];
}

/** The Python source of a model for a scenario, from the harness this engine runs. */
export async function pythonSource(
  model: PythonModelId,
  scenario: ScenarioId,
  setup: Pick<ProbeContext, 'hostScripts'>,
): Promise<PythonSource> {
  const root = dirname(setup.hostScripts.pythonHarness);
  const files = await Promise.all(
    filesOf(model, scenario).map(async ([path, focus]): Promise<PythonSourceFile> => ({
      path,
      text: await readFile(join(root, path), 'utf8'),
      focus,
    })),
  );
  return { model, files };
}
