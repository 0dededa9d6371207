/**
 * The files a command writes (--out, --trace, --log): checked before anything starts, so that a bad
 * path costs a second, not a whole run (nothing is created by the check: a run that is then
 * cancelled leaves no empty file behind); written after it ends, never losing the report.
 */
import { errorMessage } from '../../shared/format';
import { constants } from 'node:fs';
import { access, mkdir, open, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { RunResult } from '../../shared/results';
import { errorCode } from '../engine/history/store-file';
import { appendLog, formatLogLines, formatTrace } from '../engine/reporters';
import { PATH_CHARS, shortened } from './cli-flags';
import type { RunCommand } from './parse-run-args';
import { UsageError } from './usage-error';

/** An output file and the flag that named it. */
export interface OutputPath {
  /** The flag as typed, e.g. `--out`. */
  readonly flag: string;
  readonly path: string;
}

/** A write error in words, for a message that already names the file. */
export function describeWriteError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
    case 'EEXIST':
      // mkdir's EEXIST: a file stands where one of the path's folders should be.
      return 'part of the path is a file, not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EIO':
      return 'the file refuses writes (EIO)';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code || errorMessage(error);
  }
}

/** The nearest folder of `path` that exists, and whether something that is not a folder is in the way. */
async function nearestExisting(path: string): Promise<{ readonly at: string; readonly isFolder: boolean }> {
  let at = dirname(resolve(path));
  for (;;) {
    try {
      return { at, isFolder: (await stat(at)).isDirectory() };
    } catch (error) {
      const code = errorCode(error);
      const up = dirname(at);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || up === at) throw error;
      at = up;
    }
  }
}

/** Why `path` cannot be written, in words, or null when it can (as far as can be known without writing). */
export async function outputProblem(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return 'it is a folder';
    // Opening a FIFO for writing waits for a reader; a socket cannot be opened at all: take them as they are.
    if (info.isFIFO() || info.isSocket()) return null;
    // Append mode and an empty write: the file is not changed, but a refusing one (/proc/version) says so.
    const handle = await open(path, 'a');
    try {
      // An empty string, not an empty buffer: Node skips the system call for the latter.
      await handle.write('');
    } finally {
      await handle.close();
    }
    return null;
  } catch (error) {
    const code = errorCode(error);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return describeWriteError(error);
  }
  try {
    const { at, isFolder } = await nearestExisting(path);
    if (!isFolder) return `${at} is a file, not a folder`;
    await access(at, constants.W_OK | constants.X_OK);
    return null;
  } catch (error) {
    return describeWriteError(error);
  }
}

/** Throws a UsageError naming the first flag whose file cannot be written, and why. */
export async function assertWritable(outputs: readonly OutputPath[]): Promise<void> {
  for (const { flag, path } of outputs) {
    const problem = await outputProblem(path);
    if (problem) throw new UsageError(`${flag} ${shortened(path, PATH_CHARS)} cannot be written: ${problem}`);
  }
}

async function writeFileMaking(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/**
 * Writes the report, the trace and the log lines; one that fails does not stop the others, and a
 * report that cannot be saved is printed instead, so a run's results are never lost. Whether all were written.
 */
export async function writeRunOutputs(
  run: RunResult,
  report: string,
  command: Pick<RunCommand, 'format' | 'out' | 'trace' | 'log'>,
  io: { readonly stdout: NodeJS.WritableStream; readonly stderr: NodeJS.WritableStream },
): Promise<boolean> {
  const failed = (what: string, flag: string, path: string, error: unknown): false => {
    io.stderr.write(
      `concurrency-lab: could not write ${what} to ${path} (${flag}): ${describeWriteError(error)}\n`,
    );
    return false;
  };
  let ok = true;
  const printReport = (): void => void io.stdout.write(report.endsWith('\n') ? report : `${report}\n`);
  if (command.out) {
    try {
      await writeFileMaking(command.out, report);
      io.stderr.write(`wrote ${command.format} report to ${command.out}\n`);
    } catch (error) {
      printReport();
      ok = failed(`the ${command.format} report (printed above instead)`, '--out', command.out, error);
    }
  } else printReport();
  if (command.trace) {
    try {
      await writeFileMaking(command.trace, formatTrace(run));
      io.stderr.write(
        `wrote Chrome trace to ${command.trace} (open it in https://ui.perfetto.dev or chrome://tracing)\n`,
      );
    } catch (error) {
      ok = failed('the Chrome trace', '--trace', command.trace, error);
    }
  }
  try {
    await appendLog(command.log, formatLogLines(run));
  } catch (error) {
    ok = failed('the results log lines', '--log', command.log, error);
  }
  return ok;
}
