/** Starts the embedded latency server in its own process for a run, and stops it after. */
import http from 'node:http';
import type { LatencyServerReport, LatencyServerStop } from '../../../workers/protocol/latency-server';
import { CancelledError } from '../errors';
import { describeExit, type ProcessExit, type ProcessSpawner } from '../models/process-spawner';

/** A running latency server process. */
export interface LatencyServerHandle {
  /** Where to send requests, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly pid: number | undefined;
  /** How the server died without being asked to stop ("was killed by SIGKILL"), or null while it lives. */
  death(): string | null;
  /** Asks the server to stop, kills it if it has not exited within 2 s; resolves once it has exited. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 2_000;
// Bounds the wait after SIGKILL, which only an unkillable (e.g. stopped-in-kernel) process would exceed.
const KILL_WAIT_MS = 2_000;

function isReport(message: unknown): message is LatencyServerReport {
  if (typeof message !== 'object' || message === null) return false;
  const { type, port, message: text } = message as Record<string, unknown>;
  if (type === 'listening')
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65_536;
  return type === 'error' && typeof text === 'string';
}

function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/** Spawns the latency server host script and resolves once it listens; on any failure the process is gone before this rejects. */
export async function startLatencyServer(
  spawner: ProcessSpawner,
  script: string,
  signal?: AbortSignal,
): Promise<LatencyServerHandle> {
  if (signal?.aborted) throw new CancelledError();
  const child = spawner.spawn(script, { name: 'latency server' });
  let exit: ProcessExit | null = null;
  const exited = new Promise<ProcessExit>((resolve) =>
    child.onExit((info) => {
      exit = info;
      resolve(info);
    }),
  );

  const killAndWait = async (): Promise<void> => {
    if (exit) return;
    child.kill();
    await waitAtMost(exited, KILL_WAIT_MS);
  };

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const fail = (error: Error): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error(`the latency server did not start within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      const onAbort = (): void => fail(new CancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
      child.onMessage((message) => {
        if (!isReport(message)) return;
        if (message.type === 'error')
          return fail(new Error(`the latency server failed to start: ${message.message}`));
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(message.port);
      });
      void exited.then((info) =>
        fail(new Error(`the latency server ${describeExit(info)} before it was listening`)),
      );
    });
  } catch (error) {
    await killAndWait();
    throw error;
  }

  let stopped: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    death: () => (exit && !stopped ? describeExit(exit) : null),
    stop() {
      stopped ??= (async () => {
        if (exit) return;
        const request: LatencyServerStop = { type: 'stop' };
        child.postMessage(request);
        await waitAtMost(exited, STOP_TIMEOUT_MS);
        await killAndWait();
      })();
      return stopped;
    },
  };
}

/**
 * Sends a burst of zero-delay requests so the freshly started server runs optimised code before the
 * timed run, as a real remote server would. Uses its own agent: the run still opens its own connections.
 */
export async function warmUpLatencyServer(url: string, requests = 400, concurrency = 50): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const get = (id: number): Promise<void> =>
    new Promise((resolve, reject) => {
      http
        .get(`${url}/delay?id=${id}&ms=0&bytes=1024`, { agent }, (response) => {
          response.resume();
          response.on('end', resolve);
          response.on('error', reject);
        })
        .on('error', reject);
    });
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < requests) await get(next++);
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    agent.destroy();
  }
}
