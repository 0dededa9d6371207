/**
 * What a worker agrees to run. Workloads travel by name, but some take a file path or a URL as input:
 * a worker on an attendee's laptop reads no files and sends HTTP requests only to the lab's own machine
 * (the host of the NATS server it joined), so a task can never make it read or reach anything else.
 */
import type { TaskMessage } from './messages';

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

function hostOf(url: string): string | null {
  try {
    // nats://, tls:// and bare host:port all parse once given a scheme URL understands.
    const withScheme = /^[a-z]+:\/\//i.test(url) ? url.replace(/^[a-z]+:/i, 'http:') : `http://${url}`;
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Why this worker will not run a task, or null when it will. */
export function taskRefusal(task: TaskMessage, policy: TaskPolicy): string | null {
  if (task.workload === 'count-words' && !policy.readFiles) {
    return 'this worker reads no files: the text files of cpu-wordcount are on the lab machine, run it with local workers';
  }
  if (task.workload === 'http-get' && policy.httpHosts !== 'any') {
    const url = (task.input as { url?: unknown } | null)?.url;
    const host = typeof url === 'string' ? hostOf(url) : null;
    if (!host || !policy.httpHosts.includes(host)) {
      return `this worker sends HTTP requests only to the lab machine (${policy.httpHosts.join(', ') || 'unknown'}), not to ${host ?? 'a malformed URL'}`;
    }
  }
  return null;
}
