/** `concurrency-lab run`: races the models on one scenario and prints the comparison table. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { modelAvailability } from '../engine/models/availability';
import { appendLog, formatLogLines, formatReport, formatTrace } from '../engine/reporters';
import { runScenario, type EngineOptions } from '../engine/run/run-session';
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

async function writeFileMaking(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

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
  const setup = command.python === null ? engine : { ...engine, python: command.python };
  // A model that cannot run here is bad input: one line saying why, exit 2, nothing started.
  for (const model of command.request.models) {
    const availability = await modelAvailability(model, setup);
    if (!availability.available) throw new UsageError(`${model} is unavailable: ${availability.reason}`);
  }
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
    if (command.out) {
      await writeFileMaking(command.out, report);
      io.stderr.write(`wrote ${command.format} report to ${command.out}\n`);
    } else {
      io.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
    }
    if (command.trace) {
      await writeFileMaking(command.trace, formatTrace(run));
      io.stderr.write(
        `wrote Chrome trace to ${command.trace} (open it in https://ui.perfetto.dev or chrome://tracing)\n`,
      );
    }
    await appendLog(command.log, formatLogLines(run));
    if (run.state === 'cancelled') return EXIT_CANCELLED;
    return run.state === 'done' ? 0 : 1;
  } finally {
    progress?.clear();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
