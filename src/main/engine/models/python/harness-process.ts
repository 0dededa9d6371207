/**
 * The one place a Python harness process is spawned and ended. On POSIX the harness leads a
 * process group of its own (spawned detached), so one kill of the group ends it and every
 * process it started: multiprocessing workers, the forkserver, the resource tracker. On Windows
 * the harness puts itself in a job object that ends its workers with it (see session.py), and the
 * engine kills the harness. Lines it writes are validated before anyone sees them; the first bad
 * line or unexpected exit is reported once, as a failure, and the process is stopped.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { errorMessage } from '../../../../shared/format';
import { lowerProcess } from '../../../../workers/protocol/model-priority';
import { tailCollector } from '../process-spawner';
import { parseHarnessLine, type HarnessCommand, type HarnessMessage } from './harness-protocol';

/** How to start a harness. */
export interface HarnessSpawnOptions {
  /** The interpreter (sys.executable of a detected one). */
  readonly executable: string;
  readonly harnessPath: string;
  /**
   * On a free-threaded build, start with the GIL on (`-X gil=1`, the GIL models) or off
   * (`-X gil=0`, py-threads-nogil); leave unset on a GIL build, where `-X gil` aborts start-up.
   */
  readonly gil?: 'enabled' | 'disabled';
  /** Where rejected lines are logged; console.warn by default. */
  readonly log?: (line: string) => void;
}

/** What the engine hears from a harness. */
export interface HarnessEvents {
  message(message: HarnessMessage): void;
  /** The harness can no longer be trusted or talked to: a bad line, or it exited. Called once. */
  failed(reason: string): void;
}

/** A line longer than this is not a message: the harness is stopped rather than buffering without end. */
const MAX_LINE_CHARS = 256 * 1024 * 1024;

/** Words for how a harness ended: its exit code or signal, and the line of its stderr that names the error. */
export function describeHarnessExit(code: number | null, signal: string | null, stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const reason =
    [...lines].reverse().find((line) => /^\w*(Error|Exception|Interrupt)\b/.test(line)) ?? lines.at(-1);
  const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
  return `${how}${reason ? ` (${reason.slice(0, 200)})` : ''}`;
}

/** A running harness process. */
export class HarnessProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly stderr = tailCollector();
  private readonly exited: Promise<void>;
  private pending = '';
  private failedOnce = false;
  private gone = false;

  constructor(
    options: HarnessSpawnOptions,
    private readonly events: HarnessEvents,
  ) {
    const gil = options.gil ? ['-X', `gil=${options.gil === 'enabled' ? 1 : 0}`] : [];
    // -u: unbuffered; -B: no .pyc files written into the app's resources; -E: no PYTHON* variables
    // (PYTHONPATH could shadow the standard library); -s: no user site-packages.
    this.child = spawn(options.executable, ['-u', '-B', '-E', '-s', ...gil, options.harnessPath], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    // Below the serving thread, as every model is; the processes it starts inherit it.
    lowerProcess(this.child.pid);
    const log = options.log ?? ((line: string) => console.warn(line));
    this.exited = new Promise((resolve) => {
      // 'close' follows 'exit' once stderr is drained, so the exit's reason is complete.
      this.child.once('close', (code, signal) => {
        this.gone = true;
        this.fail(`the Python harness ${describeHarnessExit(code, signal, this.stderr.text())}`);
        resolve();
      });
      this.child.once('error', (error) => {
        this.fail(`the Python harness could not start (${options.executable}): ${error.message}`);
        if (this.child.pid === undefined) {
          this.gone = true;
          resolve();
        }
      });
    });
    this.child.stdin.on('error', () => undefined); // a closed pipe: the exit reports why
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.receive(chunk, log));
  }

  /** The harness's process id, which is also its process group's id on POSIX. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends one command line. */
  send(command: HarnessCommand): void {
    if (this.gone || this.failedOnce || !this.child.stdin.writable) return;
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** Stops the harness and every process it started, at once; resolves when the harness is gone. */
  async kill(): Promise<void> {
    this.killGroup();
    await this.exited;
  }

  /** Closes stdin (the harness then stops its pool and exits), waits up to `graceMs`, then kills. */
  async close(graceMs = 500): Promise<void> {
    if (!this.gone) this.child.stdin.end();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    // Even after a clean exit: whatever the harness left in its group goes too.
    await this.kill();
  }

  private killGroup(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    if (process.platform === 'win32') {
      if (!this.gone) this.child.kill();
      return;
    }
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // No such group any more: everything in it has ended.
    }
  }

  private receive(chunk: string, log: (line: string) => void): void {
    if (this.failedOnce) return;
    let from = 0;
    let newline: number;
    // Only the new chunk is searched: a megabyte line arrives in many chunks.
    while ((newline = chunk.indexOf('\n', from)) >= 0) {
      const line = this.pending + chunk.slice(from, newline);
      this.pending = '';
      from = newline + 1;
      if (line.trim() === '') continue;
      const parsed = parseHarnessLine(line);
      if ('problem' in parsed) {
        const reason = `the Python harness sent ${parsed.problem}`;
        log(reason);
        this.fail(reason);
        this.killGroup();
        return;
      }
      try {
        this.events.message(parsed.message);
      } catch (error) {
        // A listener's bug must not escape into the stream's event handler and crash the engine.
        this.fail(
          `the lab failed while handling the harness's "${parsed.message.type}": ${errorMessage(error)}`,
        );
        this.killGroup();
      }
      if (this.failedOnce) return;
    }
    this.pending += chunk.slice(from);
    if (this.pending.length > MAX_LINE_CHARS) {
      this.fail(`the Python harness sent a line longer than ${MAX_LINE_CHARS} characters`);
      this.killGroup();
    }
  }

  private fail(reason: string): void {
    if (this.failedOnce) return;
    this.failedOnce = true;
    this.events.failed(reason);
  }
}
