/** The handler of python:source: the Python a CPython model runs, read-only, from the harness shipped with the app. */
import { errorMessage } from '../../../shared/format';
import type { ProbeContext } from '../models/executor-environment';
import { isPythonModelId } from '../models/python/python-models';
import { pythonSource } from '../models/python/python-source';
import { LabFailure, type HandlerMap } from './lab-activity';

/** python:source. */
export function pythonHandlers(setup: ProbeContext): HandlerMap<'python:source'> {
  return {
    'python:source': async ({ model, scenario }) => {
      // The validator admits only the Python models; this keeps the handler honest on its own.
      if (!isPythonModelId(model)) throw new LabFailure('invalid-request', `${model} is not a Python model`);
      try {
        return await pythonSource(model, scenario, setup);
      } catch (error) {
        throw new LabFailure(
          'not-found',
          `the Python harness is missing from this build: ${errorMessage(error)}`,
        );
      }
    },
  };
}
