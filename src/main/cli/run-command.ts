/** `concurrency-lab run`: races the models on one scenario and prints the comparison table. */
import { everyModelClean } from '../../shared/ranking';
import { modelAvailability } from '../engine/models/availability';
import { formatReport } from '../engine/reporters';
import { runScenario, type EngineOptions } from '../engine/run/run-session';
import { assertWritable, writeRunOutputs } from './output-paths';
import { parseRunArgs } from './parse-run-args';
import { ProgressBar } from './progress-bar';
import { RUN_HELP } from './help';
import { UsageError } from './usage-error';

/** Streams and process facts the CLI uses, so tests can drive it. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly color: boolean;
}

/** Exit code when a model failed a task, its answer check or as a whole (shared/ranking), or an output could not be written. */
export const EXIT_FAILED = 1;

/** Exit code when Ctrl-C cancelled the run (128 + SIGINT). */
export const EXIT_CANCELLED = 130;

/**
 * Runs the command. The first Ctrl-C (or SIGTERM) cancels the run — every worker and process is
 * stopped and the partial results are printed; a second one exits at once.
 */
export async function runCommand(args: readonly string[], engine: EngineOptions, io: CliIo): Promise<number> {
  const command = parseRunArgs(args);
  if (command.help) {
    io.stdout.write(RUN_HELP);
    return 0;
  }
  const setup = {
    ...engine,
    distributed: command.distributed,
    ...(command.python === null ? {} : { python: command.python }),
  };
  // A model asked for by name that cannot run here is bad input: say why in one line and start nothing.
  for (const model of command.request.models) {
    const availability = await modelAvailability(model, setup);
    if (!availability.available) throw new UsageError(`${model} is unavailable: ${availability.reason}`);
  }
  await assertWritable([
    ...(command.out ? [{ flag: '--out', path: command.out }] : []),
    ...(command.trace ? [{ flag: '--trace', path: command.trace }] : []),
    { flag: '--log', path: command.log },
  ]);
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr.write('\ncancelling… (press Ctrl-C again to quit at once)\n');
      controller.abort();
    } else {
      process.exit(EXIT_CANCELLED);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = io.stderr.isTTY ? new ProgressBar(io.stderr) : null;
  try {
    const run = await runScenario(command.request, setup, {
      signal: controller.signal,
      onPreparing: (message) => progress?.preparing(message),
      // Kept on screen: a race with CPython can take minutes, and this says how many before they pass.
      onForecast: (forecast) => {
        progress?.clear();
        io.stderr.write(`${forecast.message}\n`);
      },
      onSnapshot: (snapshot) => progress?.update(snapshot),
      onModelResult: (result) => progress?.finished(result),
    });
    progress?.clear();
    const report = formatReport(run, command.format, {
      color: io.color && command.format === 'table' && command.out === null,
    });
    const written = await writeRunOutputs(run, report, command, io);
    if (run.state === 'cancelled') return EXIT_CANCELLED;
    return written && everyModelClean(run.results) ? 0 : EXIT_FAILED;
  } finally {
    progress?.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
