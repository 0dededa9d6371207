/**
 * Messages between a distributed worker process and whoever started it (the lab, or the `worker`
 * command), and the policy it is started with: which task inputs (files, URLs) it agrees to touch.
 */
import type { ConnectionSettings, ReconnectPolicy } from './connection';
import type { TaskQueue } from './subjects';

/** How the worker process is set up: its first message. */
export interface WorkerHostInit {
  readonly type: 'init';
  readonly connection: ConnectionSettings;
  /** Chosen by the starter, so it can tell its own workers from others that joined. */
  readonly workerId: string;
  readonly policy: TaskPolicy;
  /** Absent: the shared queue, as every worker that joined. */
  readonly queue?: TaskQueue;
  readonly reconnect: ReconnectPolicy;
}

/** Leave: hand tasks in progress back to the queue and exit. */
export interface WorkerHostStop {
  readonly type: 'stop';
}

/** What the worker process reports. */
export type WorkerHostReport =
  /** The lab accepted it; it is pulling tasks. */
  | { readonly type: 'joined'; readonly workerId: string; readonly pid: number }
  /** The lab refused it (another protocol version): the process exits with code 2. */
  | { readonly type: 'refused'; readonly reason: string }
  /** It could not connect or join: the process exits with code 1. */
  | { readonly type: 'failed'; readonly error: string }
  /** A line for the user (waiting for the lab, a rejected message…). */
  | { readonly type: 'log'; readonly line: string };

/** Exit code of a worker process the lab refused. */
export const EXIT_REFUSED = 2;

/** Limits on the inputs a worker accepts. */
export interface TaskPolicy {
  /** May tasks name files on this machine (the lab's own local workers: the files are the lab's)? */
  readonly readFiles: boolean;
  /** Hosts http-get may reach; 'any' for the lab's own local workers. */
  readonly httpHosts: readonly string[] | 'any';
}

/** The policy of the lab's own local workers: they run on the lab's machine, on the lab's files. */
export const LOCAL_WORKER_POLICY: TaskPolicy = { readFiles: true, httpHosts: 'any' };

/** The policy of a worker that joined a server at `serverUrl`: no files; HTTP only to that host. */
export function remoteWorkerPolicy(serverUrl: string): TaskPolicy {
  const host = hostOf(serverUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'];
  return { readFiles: false, httpHosts: host && loopback.includes(host) ? loopback : host ? [host] : [] };
}

/** The host name of a server URL (nats://, tls://, http:// or bare HOST:PORT), lower-case; null when malformed. */
export function hostOf(url: string): string | null {
  try {
    // nats://, tls:// and bare host:port all parse once given a scheme URL understands.
    const withScheme = /^[a-z]+:\/\//i.test(url) ? url.replace(/^[a-z]+:/i, 'http:') : `http://${url}`;
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return null;
  }
}
