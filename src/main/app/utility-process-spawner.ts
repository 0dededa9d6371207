/** The `processes` model's spawner in the app: Electron `utilityProcess.fork` behind the engine's ProcessSpawner interface. */
import { utilityProcess } from 'electron';
import { tailCollector, type ProcessExit, type ProcessSpawner } from '../engine/models/process-spawner';

/** How long after kill() a utility process may take to exit before it gets SIGKILL (cancelling must finish within half a second). */
const KILL_GRACE_MS = 400;

/** How long to wait after exit for the rest of stderr, so a crash message is complete. */
const STDERR_DRAIN_MS = 200;

/** `utilityProcess.fork` adapter: structured-clone messages over the parent port, stderr kept for crash messages. */
export const utilityProcessSpawner: ProcessSpawner = {
  kind: 'utilityProcess',
  spawn(modulePath, options) {
    const child = utilityProcess.fork(modulePath, [], {
      serviceName: options.name,
      // Utility processes accept only 'ignore' for stdin; stdout is unused, stderr explains crashes.
      stdio: ['ignore', 'ignore', 'pipe'],
      execArgv: [...(options.execArgv ?? [])],
      env: { ...process.env, CONCURRENCY_LAB_PROCESS: options.name },
    });
    const stderr = tailCollector();
    // child.stderr becomes null once the process has exited: keep the stream.
    const stderrStream = child.stderr;
    let stderrEnded = stderrStream === null;
    stderrStream?.on('data', (chunk: Buffer | string) => stderr.push(chunk));
    stderrStream?.once('end', () => (stderrEnded = true));
    let exited = false;
    child.once('exit', () => (exited = true));
    // A V8 fatal error: the exit event follows. Without a listener, EventEmitter would throw it in main.
    child.on('error', (type, location) => stderr.push(`${type} at ${location}\n`));
    return {
      get pid() {
        return child.pid;
      },
      postMessage(message) {
        // A message to a process that has gone is dropped; its exit event reports that.
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        // Electron reports only an exit code (a signal death shows as a code too).
        child.once('exit', (code) => {
          let reported = false;
          const report = (): void => {
            if (reported) return;
            reported = true;
            listener({ code, signal: null, stderrTail: stderr.text() } satisfies ProcessExit);
          };
          if (stderrEnded || !stderrStream) return report();
          const timer = setTimeout(report, STDERR_DRAIN_MS);
          stderrStream.once('end', () => {
            clearTimeout(timer);
            report();
          });
        });
      },
      kill() {
        if (exited) return;
        const pid = child.pid;
        child.kill();
        // kill() sends SIGTERM; a process stuck in native code still has to go.
        const timer = setTimeout(() => {
          if (exited || pid === undefined) return;
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }, KILL_GRACE_MS);
        timer.unref();
        child.once('exit', () => clearTimeout(timer));
      },
    };
  },
};
