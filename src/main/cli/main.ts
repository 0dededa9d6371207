/** The `concurrency-lab` command: dispatches to run, scenarios, serve, worker and cluster. */
import { errorMessage } from '../../shared/format';
import { SCENARIOS } from '../../shared/scenarios';
import { POOL_KNOBS } from '../../shared/knobs';
import { catalogModels } from '../engine/models/availability';
import { pythonCatalogFor } from '../engine/models/python/python-setup';
import type { EngineOptions } from '../engine/run/run-session';
import { MAIN_HELP, scenariosText } from './help';
import { clusterCommand } from './cluster-command';
import { runCommand, type CliIo } from './run-command';
import { parseFlags, quoted } from './cli-flags';
import { EXIT_USAGE, UsageError } from './usage-error';
import { workerCommand } from './worker-command';

/** What main() needs from its caller. */
export interface CliContext extends CliIo {
  readonly engine: EngineOptions;
  readonly version: string;
  /** Starts browser mode; absent where it is not built in. */
  readonly serve?: (args: readonly string[]) => Promise<number>;
}

/** `scenarios [--json] [--python PATH]`, or a UsageError naming what is not allowed. */
function parseScenariosArgs(args: readonly string[]): { json: boolean; python: string | null } {
  const values = parseFlags(args, { json: { type: 'boolean' }, python: { type: 'string' } }, 'scenarios');
  const python = typeof values.python === 'string' ? values.python : null;
  if (python !== null && python.trim() === '')
    throw new UsageError('--python needs the path of a Python interpreter');
  return { json: values.json === true, python };
}

/** Runs the command line and returns the exit code; bad input prints one line and returns 2. */
export async function main(argv: readonly string[], context: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        context.stdout.write(MAIN_HELP);
        return 0;
      case '-v':
      case '--version':
        context.stdout.write(`${context.version}\n`);
        return 0;
      case 'run':
        return await runCommand(rest, context.engine, context);
      case 'scenarios': {
        const { json, python } = parseScenariosArgs(rest);
        const setup = python === null ? context.engine : { ...context.engine, python };
        const models = await catalogModels(setup);
        const pythonFound = await pythonCatalogFor(setup);
        context.stdout.write(
          json
            ? `${JSON.stringify({ scenarios: SCENARIOS, pool: POOL_KNOBS, models, python: pythonFound }, null, 2)}\n`
            : scenariosText(models, pythonFound),
        );
        return 0;
      }
      case 'serve':
        if (!context.serve) throw new UsageError('serve is not available in this build');
        return await context.serve(rest);
      case 'worker':
        return await workerCommand(rest, context.engine, context);
      case 'cluster':
        return await clusterCommand(rest, context.version, context);
      default:
        throw new UsageError(
          `unknown command ${quoted(command)} (commands: run, scenarios, serve, worker, cluster; see concurrency-lab --help)`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`concurrency-lab: ${error.message}\n`);
      return EXIT_USAGE;
    }
    context.stderr.write(`concurrency-lab: ${errorMessage(error)}\n`);
    return 1;
  }
}
