/** The `concurrency-lab` command: dispatches to run, scenarios, serve, worker and cluster. */
import { errorMessage } from '../../shared/format';
import { SCENARIOS } from '../../shared/scenarios';
import { POOL_KNOBS } from '../../shared/knobs';
import { catalogModels } from '../engine/models/availability';
import type { EngineOptions } from '../engine/run/run-session';
import { MAIN_HELP, scenariosText } from './help';
import { clusterCommand } from './cluster-command';
import { runCommand, type CliIo } from './run-command';
import { quoted } from './cli-flags';
import { EXIT_USAGE, UsageError } from './usage-error';
import { workerCommand } from './worker-command';

/** What main() needs from its caller. */
export interface CliContext extends CliIo {
  readonly engine: EngineOptions;
  readonly version: string;
  /** Starts browser mode; absent where it is not built in. */
  readonly serve?: (args: readonly string[]) => Promise<number>;
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
        if (rest.length > 0 && !(rest.length === 1 && rest[0] === '--json')) {
          throw new UsageError(`scenarios takes only --json (got ${quoted(rest.join(' '))})`);
        }
        const models = await catalogModels();
        context.stdout.write(
          rest[0] === '--json'
            ? `${JSON.stringify({ scenarios: SCENARIOS, pool: POOL_KNOBS, models }, null, 2)}\n`
            : scenariosText(models),
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
