/**
 * What a worker agrees to run. Workloads travel by name, but some take a file path or a URL as input:
 * a worker on an attendee's laptop reads no files and sends HTTP requests only to the lab's own machine
 * (the host of the NATS server it joined), so a task can never make it read or reach anything else.
 */
import type { TaskMessage } from '../protocol/distributed/messages';
import { hostOf, type TaskPolicy } from '../protocol/distributed/worker-host';

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
