/** Shared by the Python tests: the real harness and interpreter, an executor runner, and the process table. */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TaskEvent, TaskList } from '../../../../workers/protocol/executor';
import { existsSync } from 'node:fs';
import { hostScriptsIn } from '../host-scripts';
import { PythonExecutor, type PythonExecutorOptions } from './python-executor';
import { detectPython, type PythonInterpreter } from './python-interpreter';
import type { PythonModelId } from './python-models';

/** The checkout's harness, found the way the built app finds it (from out/main). */
export function testHarnessPath(): string {
  const path = hostScriptsIn(resolve(__dirname, '../../../../../out/main')).pythonHarness;
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  return path;
}

/** The interpreter the tests run on: the first found on PATH (CI installs python3). */
export async function testInterpreter(): Promise<PythonInterpreter> {
  const detection = await detectPython();
  const interpreter = detection.interpreters[0];
  if (!interpreter) throw new Error(`the Python tests need python3: ${detection.unavailable}`);
  return interpreter;
}

/** What a test may set of a Python executor: its options, and the interpreter or harness it finds. */
export type TestExecutorOptions = Partial<Omit<PythonExecutorOptions, 'model' | 'locate'>> & {
  readonly interpreter?: PythonInterpreter;
  readonly harnessPath?: string;
};

/** An executor of a Python model on the test interpreter, small pools by default. */
export async function testExecutor(
  model: PythonModelId,
  options: TestExecutorOptions = {},
): Promise<PythonExecutor> {
  const interpreter = options.interpreter ?? (await testInterpreter());
  const harnessPath = options.harnessPath ?? testHarnessPath();
  return new PythonExecutor({
    model,
    locate: async () => ({ interpreter, harnessPath }),
    workers: options.workers === undefined ? 2 : options.workers,
    switchIntervalMs: options.switchIntervalMs ?? 5,
    taskTimeoutMs: options.taskTimeoutMs ?? null,
    ...(options.startMethod ? { startMethod: options.startMethod } : {}),
    ...(options.program ? { program: options.program } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
}

/** Starts, runs and closes an executor; returns every event it emitted. */
export async function runToEnd(
  executor: PythonExecutor,
  tasks: TaskList,
  onEvent: (event: TaskEvent) => void = () => undefined,
): Promise<TaskEvent[]> {
  const events: TaskEvent[] = [];
  try {
    await executor.start();
    await executor.run(
      tasks,
      (event) => {
        events.push(event);
        onEvent(event);
      },
      new AbortController().signal,
    );
  } finally {
    await executor.close();
  }
  return events;
}

/** The last finished or failed event of each task. */
export function settledByTask(
  events: readonly TaskEvent[],
): Map<number, Extract<TaskEvent, { task: number }>> {
  const byTask = new Map<number, Extract<TaskEvent, { task: number }>>();
  for (const event of events)
    if (event.type === 'finished' || event.type === 'failed') byTask.set(event.task, event);
  return byTask;
}

/** Processes of a process group that still run (zombies waiting for their parent's wait() do not). */
export function liveGroupMembers(pgid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, group, stat]) => pid && Number(group) === pgid && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

/** Whether a process still runs (a zombie does not). */
export function isRunning(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}
