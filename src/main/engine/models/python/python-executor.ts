/**
 * A real-CPython model as an executor: start() spawns the harness, aligns its clock with the lab's
 * and starts the model's pool (all measured as start-up); run() sends the tasks and turns the
 * harness's events into the same TaskEvents every executor emits, on the lab's clock; close() and
 * cancelling stop the harness's whole process group. If the harness dies or breaks the protocol
 * mid-run, its running tasks fail with the reason and the run rejects with it.
 */
import { epochNow } from '../../../../shared/clock';
import type { ResolvedPool } from '../../../../shared/pool';
import { errorMessage } from '../../../../shared/format';
import type { PythonRunStats } from '../../../../shared/python-run';
import { CancelledError } from '../../errors';
import type {
  ChildUsage,
  Executor,
  RunEnd,
  TaskEvent,
  TaskEventListener,
  TaskList,
} from '../../../../workers/protocol/executor';
import { toLabTime, type ClockAlignment } from './clock-alignment';
import { HarnessClient } from './harness-client';
import { decodeHarnessOutput } from './harness-output';
import type {
  HarnessHello,
  HarnessReady,
  HarnessTaskMessage,
  PythonProgram,
  StartCommand,
} from './harness-protocol';
import { PYTHON_MODELS, type PythonModelId } from './python-models';
import type { PythonInterpreter } from './python-interpreter';

/** The interpreter a model runs on, and the harness script it runs. */
export interface PythonRuntime {
  readonly interpreter: PythonInterpreter;
  readonly harnessPath: string;
}

/** What a Python executor needs. */
export interface PythonExecutorOptions {
  readonly model: PythonModelId;
  /** Finds the interpreter and harness when the executor starts; rejects with why the model cannot run. */
  readonly locate: () => Promise<PythonRuntime>;
  /** Pool size (py-threads, py-processes), asyncio's concurrency limit (null: unlimited); unused by py-sequential. */
  readonly workers: number | null;
  readonly switchIntervalMs: number;
  readonly taskTimeoutMs: number | null;
  /** multiprocessing start method; the platform's default when absent (tests use spawn on Linux). */
  readonly startMethod?: StartCommand['startMethod'];
  /** The lab's models (the default), or the classic FileProcessor subclasses. */
  readonly program?: PythonProgram;
  /** Where rejected harness lines are logged; console.warn by default. */
  readonly log?: (line: string) => void;
}

/** Runs tasks on a real CPython through the harness. */
export class PythonExecutor implements Executor {
  readonly model: PythonModelId;
  readonly workers: number | null;
  private runtime: PythonRuntime | null = null;
  private client: HarnessClient | null = null;
  private hello: HarnessHello | null = null;
  private ready: HarnessReady | null = null;
  private clock: ClockAlignment | null = null;
  private stats: PythonRunStats | null = null;
  private running = false;
  private closed = false;

  constructor(private readonly options: PythonExecutorOptions) {
    this.model = options.model;
    this.workers = PYTHON_MODELS[options.model].pool === 'none' ? 1 : options.workers;
  }

  /** Where tasks ran, in words: "4 threads (CPython 3.11.7, GIL)". */
  get placement(): string {
    const where = this.ready?.placement ?? 'not started';
    return this.runtime ? `${where} (${this.runtime.interpreter.label})` : where;
  }

  /** The measured offset between the harness's clock and the lab's, once started. */
  get clockAlignment(): ClockAlignment | null {
    return this.clock;
  }

  /** The harness's process id (its process group's on POSIX), once spawned. */
  get harnessPid(): number | undefined {
    return this.client?.pid;
  }

  async start(): Promise<void> {
    if (this.client || this.runtime) throw new Error(`${this.model} is already started`);
    this.runtime = await this.options.locate();
    if (this.closed) return;
    const { interpreter, harnessPath } = this.runtime;
    const log = this.options.log;
    const client = new HarnessClient({
      executable: interpreter.executable,
      harnessPath,
      log,
      ...(interpreter.freeThreaded
        ? { gil: PYTHON_MODELS[this.model].freeThreaded ? ('disabled' as const) : ('enabled' as const) }
        : {}),
    });
    this.client = client;
    this.hello = await client.hello();
    this.clock = await client.alignClock();
    this.ready = await client.start({
      model: this.model,
      workers: PYTHON_MODELS[this.model].pool === 'none' ? null : this.options.workers,
      switchIntervalMs: this.options.switchIntervalMs,
      taskTimeoutMs: this.options.taskTimeoutMs,
      ...(this.options.startMethod ? { startMethod: this.options.startMethod } : {}),
      ...(this.options.program ? { program: this.options.program } : {}),
    });
  }

  async run(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal): Promise<RunEnd> {
    const client = this.client;
    const clock = this.clock;
    if (!client || !clock || !this.ready) throw new Error(`${this.model} is not started`);
    if (this.running) throw new Error(`${this.model} is already running tasks`);
    if (signal.aborted) throw new CancelledError();
    this.running = true;
    const running = new Map<number, { lane: number; at: number }>();
    const onAbort = (): void => void client.kill();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const done = await client.runTasks(tasks, (message) => {
        const event = labEvent(message, clock);
        if (event.type === 'started') running.set(event.task, { lane: event.lane, at: event.at });
        else if (event.type === 'finished' || event.type === 'failed') running.delete(event.task);
        listener(event);
      });
      this.stats = {
        interpreter: this.runtime!.interpreter.label,
        executable: this.runtime!.interpreter.executable,
        clock,
        startMethod: this.model === 'py-processes' ? (this.hello?.startMethod ?? null) : null,
        gilEnabledAfterRun: done.stats.gilEnabled,
        switchIntervalMs: done.stats.switchIntervalMs,
        lanes: done.stats.lanes,
        cpuSource: done.stats.cpuSource,
        wakeProbe: done.stats.probe,
      };
      return { endedAt: toLabTime(clock, done.endedAt) };
    } catch (error) {
      if (signal.aborted) throw new CancelledError();
      const endedAt = epochNow();
      for (const [task, { lane, at }] of running)
        listener({ type: 'failed', task, lane, startedAt: at, endedAt, error: errorMessage(error) });
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.running = false;
    }
  }

  /** The lab's live GIL knob: sys.setswitchinterval in the running interpreter. */
  setSwitchInterval(switchIntervalMs: number): void {
    this.client?.setSwitchInterval(switchIntervalMs);
  }

  childUsage(): ChildUsage {
    const usage = this.client?.lastUsage;
    return { cpuMs: usage?.cpuMs ?? 0, rssBytes: usage?.rssBytes ?? 0 };
  }

  /** GIL costs and clock alignment of the last run; null before a run completed. */
  pythonStats(): PythonRunStats | null {
    return this.stats;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.client?.close();
  }
}

/** A harness task event as a TaskEvent on the lab's clock, with outputs in the Node workloads' shapes. */
function labEvent(message: HarnessTaskMessage, clock: ClockAlignment): TaskEvent {
  const at = (harnessMs: number): number => toLabTime(clock, harnessMs);
  switch (message.type) {
    case 'lane':
      return { type: 'lane', lane: { index: message.index, label: message.label } };
    case 'queued-all':
      return { type: 'queued-all', count: message.count, at: at(message.at) };
    case 'started':
      return { type: 'started', task: message.task, lane: message.lane, at: at(message.at) };
    case 'finished':
      return {
        type: 'finished',
        task: message.task,
        lane: message.lane,
        startedAt: at(message.startedAt),
        endedAt: at(message.endedAt),
        output: decodeHarnessOutput(message.output),
      };
    case 'failed':
      return {
        type: 'failed',
        task: message.task,
        lane: message.lane,
        startedAt: at(message.startedAt),
        endedAt: at(message.endedAt),
        error: message.error,
      };
  }
}

/** The executor of a Python model from the lab's resolved pool settings (the registry's factory). */
export function createPythonExecutor(
  model: PythonModelId,
  pool: ResolvedPool,
  locate: () => Promise<PythonRuntime>,
  program: PythonProgram = 'lab',
  log?: (line: string) => void,
): PythonExecutor {
  const knob = PYTHON_MODELS[model].pool;
  const workers =
    knob === 'threads'
      ? pool.threads
      : knob === 'processes'
        ? pool.processes
        : knob === 'concurrency'
          ? pool.concurrency
          : null;
  return new PythonExecutor({
    model,
    locate,
    workers,
    switchIntervalMs: pool.switchIntervalMs,
    // Like the Node models: only the pools have a task timeout (the loop and the event loop cannot stop a task).
    taskTimeoutMs: knob === 'threads' || knob === 'processes' ? pool.taskTimeoutMs : null,
    program,
    log,
  });
}
