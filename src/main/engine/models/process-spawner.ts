/**
 * The one place processes are spawned: an interface with two adapters, `child_process.fork` here
 * and Electron's `utilityProcess.fork` in src/main/app.
 */
import { fork } from 'node:child_process';

/** How a spawned process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: string | null;
  /** The end of what the process wrote to stderr, to explain a crash. */
  readonly stderrTail: string;
}

/** A child process as the engine needs it. */
export interface SpawnedProcess {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (exit: ProcessExit) => void): void;
  /** Ends the process at once. */
  kill(): void;
}

/** Options common to both adapters. */
export interface SpawnOptions {
  /** Shown in process lists and error messages. */
  readonly name: string;
  readonly execArgv?: readonly string[];
}

/** Starts a plain-Node module in its own process with a message channel to it. */
export interface ProcessSpawner {
  readonly kind: 'child_process' | 'utilityProcess';
  spawn(modulePath: string, options: SpawnOptions): SpawnedProcess;
}

/** Words for how a process ended, from its exit code, signal and last stderr lines. */
export function describeExit(exit: ProcessExit): string {
  if (/heap out of memory|Allocation failed/i.test(exit.stderrTail)) return 'ran out of memory';
  if (exit.signal) return `was killed by ${exit.signal}`;
  // An uncaught exception prints its source line, the error, a stack and "Node.js vX" last:
  // the line that names the error is the one worth showing.
  const lines = exit.stderrTail
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const reason =
    lines.find((line) => /^(\w*Error|Error)\b|^\w+Error:/.test(line)) ??
    lines.find((line) => !/^Node\.js v/.test(line));
  return `exited with code ${exit.code ?? 'unknown'}${reason ? ` (${reason.slice(0, 200)})` : ''}`;
}

const STDERR_HEAD = 1000;
const STDERR_TAIL = 2000;

/** Keeps the start and the end of a stream (V8 prints its fatal error first, then a long stack), for crash messages. */
export function tailCollector(): { push(chunk: Buffer | string): void; text(): string } {
  let head = '';
  let tail = '';
  let truncated = false;
  return {
    push(chunk) {
      let text = chunk.toString();
      if (head.length < STDERR_HEAD) {
        const room = STDERR_HEAD - head.length;
        head += text.slice(0, room);
        text = text.slice(room);
      }
      if (tail.length + text.length > STDERR_TAIL) truncated = true;
      tail = (tail + text).slice(-STDERR_TAIL);
    },
    text: () => (truncated ? `${head}\n…\n${tail}` : head + tail).trim(),
  };
}

/** `child_process.fork` adapter: structured-clone serialisation, stderr kept for crash messages. */
export const forkSpawner: ProcessSpawner = {
  kind: 'child_process',
  spawn(modulePath, options) {
    const child = fork(modulePath, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      execArgv: [...(options.execArgv ?? [])],
      env: { ...process.env, CONCURRENCY_LAB_PROCESS: options.name },
    });
    const stderr = tailCollector();
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    // A failed send means the child is gone; its exit event reports that.
    child.on('error', () => undefined);
    return {
      get pid() {
        return child.pid;
      },
      postMessage(message) {
        if (child.connected) child.send(message as never, (error) => void error);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        // 'close' follows 'exit' once stderr is drained, so a crash message is complete.
        child.once('close', (code, signal) => listener({ code, signal, stderrTail: stderr.text() }));
      },
      kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  },
};
