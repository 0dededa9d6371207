/**
 * One conversation with a harness process: its hello, clock pings, starting a model, running task
 * lists. One command is answered at a time; anything the harness says out of turn, or a task event
 * that cannot be true (an unknown task, a task settled twice, a lane never announced), stops the
 * harness and fails what was waiting, with the reason.
 */
import { epochNow } from '../../../../shared/clock';
import type { TaskList } from '../../../../workers/protocol/executor';
import { alignClocks, type ClockAlignment, type ClockSample } from './clock-alignment';
import {
  HARNESS_PROTOCOL,
  type HarnessDone,
  type HarnessHello,
  type HarnessMessage,
  type HarnessReady,
  type HarnessTaskMessage,
  type HarnessUsage,
  type StartCommand,
} from './harness-protocol';
import { HarnessProcess, type HarnessSpawnOptions } from './harness-process';

/** How long a harness may take to say hello (an interpreter's first start on a cold disk is slow). */
const HELLO_TIMEOUT_MS = 20_000;
/** How long starting a model's pool may take (spawned processes import the harness again). */
const START_TIMEOUT_MS = 90_000;
/** Clock pings per alignment; the one with the shortest round trip wins. */
const CLOCK_PINGS = 10;

type Expected = 'hello' | 'pong' | 'ready' | 'done';

interface Waiter {
  readonly expected: Expected;
  resolve(message: HarnessMessage): void;
  reject(error: Error): void;
}

interface RunState {
  readonly count: number;
  readonly settled: Uint8Array;
  readonly lanes: Set<number>;
  settledCount: number;
  readonly onTask: (message: HarnessTaskMessage) => void;
}

/** A harness process, spoken to one command at a time. */
export class HarnessClient {
  private readonly process: HarnessProcess;
  private waiter: Waiter | null = null;
  private run: RunState | null = null;
  private failure: Error | null = null;
  private usage: HarnessUsage = { cpuMs: 0, rssBytes: 0 };
  private nextPing = 1;
  private helloSeen: HarnessHello | null = null;

  /** Spawns the harness; `hello()` waits for it to answer. */
  constructor(options: HarnessSpawnOptions) {
    this.process = new HarnessProcess(options, {
      message: (message) => this.receive(message),
      failed: (reason) => this.fail(new Error(reason)),
    });
  }

  /** The harness's process id (its process group's on POSIX). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  /** CPU time and memory of the harness and its processes, as last reported (cumulative). */
  get lastUsage(): HarnessUsage {
    return this.usage;
  }

  /** Waits for the harness's first message and checks that it speaks this protocol. */
  async hello(): Promise<HarnessHello> {
    const hello = await this.expect('hello', HELLO_TIMEOUT_MS, () => undefined);
    if (hello.protocol !== HARNESS_PROTOCOL) {
      const error = new Error(
        `the Python harness speaks protocol ${hello.protocol}, the lab ${HARNESS_PROTOCOL}: they come from different versions`,
      );
      this.fail(error);
      throw error;
    }
    return hello;
  }

  /** Measures the offset between the harness's clock and the lab's, with its uncertainty. */
  async alignClock(pings = CLOCK_PINGS): Promise<ClockAlignment> {
    const samples: ClockSample[] = [];
    for (let i = 0; i < pings; i++) samples.push(await this.ping());
    return alignClocks(samples);
  }

  /** One ping: lab times around it and the harness's readings inside it. */
  async ping(): Promise<ClockSample> {
    const id = this.nextPing++;
    let sentAt = 0;
    const pong = await this.expect('pong', HELLO_TIMEOUT_MS, () => {
      sentAt = epochNow();
      this.process.send({ type: 'ping', id });
    });
    const receivedAt = epochNow();
    if (pong.id !== id) throw this.violation(`pong ${pong.id} answered ping ${id}`);
    return { sentAt, receivedAt, remoteAt: pong.at, remoteEpochMs: pong.epochMs };
  }

  /** Starts a model's pool; resolves once every worker is up. */
  async start(command: Omit<StartCommand, 'type'>): Promise<HarnessReady> {
    const ready = await this.expect('ready', START_TIMEOUT_MS, () =>
      this.process.send({ type: 'start', ...command }),
    );
    if (ready.model !== command.model) throw this.violation(`started ${ready.model}, not ${command.model}`);
    return ready;
  }

  /** Runs a task list, passing each validated task event on; resolves with the harness's "done". */
  async runTasks(tasks: TaskList, onTask: (message: HarnessTaskMessage) => void): Promise<HarnessDone> {
    if (this.run) throw new Error('the harness is already running tasks');
    this.run = {
      count: tasks.length,
      settled: new Uint8Array(tasks.length),
      lanes: new Set(),
      settledCount: 0,
      onTask,
    };
    try {
      const done = await this.expect('done', null, () =>
        this.process.send({ type: 'run', tasks: tasks.slice() }),
      );
      if (this.run.settledCount !== tasks.length)
        throw this.violation(
          `said done with ${tasks.length - this.run.settledCount} of ${tasks.length} tasks unsettled`,
        );
      return done;
    } finally {
      this.run = null;
    }
  }

  /** Changes sys.setswitchinterval now, even while tasks run. */
  setSwitchInterval(ms: number): void {
    if (!this.failure) this.process.send({ type: 'switch-interval', ms });
  }

  /** Stops the harness and everything it started, at once. */
  kill(): Promise<void> {
    this.fail(new Error('the Python harness was stopped'));
    return this.process.kill();
  }

  /** Lets the harness stop its pool and exit, then makes sure nothing of it is left. */
  async close(): Promise<void> {
    const closing = this.process.close();
    this.fail(new Error('the Python harness was closed'));
    await closing;
  }

  private expect<T extends Expected>(
    expected: T,
    timeoutMs: number | null,
    send: () => void,
  ): Promise<Extract<HarnessMessage, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiter)
      return Promise.reject(new Error(`the harness is still answering ${this.waiter.expected}`));
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (): void => {
        clearTimeout(timer);
        this.waiter = null;
      };
      this.waiter = {
        expected,
        resolve: (message) => {
          settle();
          // receive() resolves a waiter only with a message of the type it expects.
          resolve(message as Extract<HarnessMessage, { type: T }>);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      if (timeoutMs !== null) {
        timer = setTimeout(() => {
          const error = new Error(
            `the Python harness did not answer "${expected}" within ${timeoutMs / 1000} s`,
          );
          this.fail(error);
          void this.process.kill();
        }, timeoutMs);
      }
      if (expected === 'hello' && this.helloSeen) this.waiter.resolve(this.helloSeen);
      else send();
    });
  }

  private receive(message: HarnessMessage): void {
    switch (message.type) {
      case 'usage':
        this.usage = { cpuMs: message.cpuMs, rssBytes: message.rssBytes };
        return;
      case 'hello':
        if (this.helloSeen) return void this.violation('said hello twice');
        this.helloSeen = message;
        if (this.waiter?.expected === 'hello') this.waiter.resolve(message);
        return;
      case 'error':
        // The harness could not carry out the command; it is still there for the next one.
        if (!this.waiter || this.waiter.expected === 'hello')
          return void this.violation(`reported an error out of turn: ${message.message}`);
        return this.waiter.reject(new Error(message.message));
      case 'pong':
      case 'ready':
      case 'done':
        if (this.waiter?.expected !== message.type)
          return void this.violation(
            `answered "${message.type}" when the lab expected ${this.waiter?.expected ?? 'nothing'}`,
          );
        if (message.type !== 'pong') this.usage = message.usage;
        return this.waiter.resolve(message);
      default:
        return this.receiveTask(message);
    }
  }

  private receiveTask(message: HarnessTaskMessage): void {
    const run = this.run;
    if (!run) return void this.violation(`sent a "${message.type}" event outside a run`);
    switch (message.type) {
      case 'lane':
        run.lanes.add(message.index);
        break;
      case 'queued-all':
        if (message.count !== run.count)
          return void this.violation(`queued ${message.count} tasks, not ${run.count}`);
        break;
      case 'started':
      case 'finished':
      case 'failed': {
        if (message.task >= run.count)
          return void this.violation(`reported task ${message.task} of ${run.count}`);
        if (!run.lanes.has(message.lane))
          return void this.violation(`used lane ${message.lane} before announcing it`);
        if (run.settled[message.task])
          return void this.violation(`reported task ${message.task} after it settled`);
        if (message.type !== 'started') {
          run.settled[message.task] = 1;
          run.settledCount++;
        }
        break;
      }
    }
    run.onTask(message);
  }

  private violation(what: string): Error {
    const error = new Error(`the Python harness ${what}; it was stopped`);
    this.fail(error);
    void this.process.kill();
    return error;
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.waiter?.reject(error);
  }
}
