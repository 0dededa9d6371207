/** Helpers for lesson tests that check cancellation leaves no thread or process behind. */
import { readdirSync } from 'node:fs';
import { forkSpawner, type ProcessSpawner } from '../models/process-spawner';

/** OS threads of this process (Linux), or null where /proc is not available. */
export function osThreadCount(): number | null {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return null;
  }
}

/** Whether a process with this pid still exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The fork spawner, remembering every pid it started. */
export function recordingSpawner(pids: number[]): ProcessSpawner {
  return {
    kind: forkSpawner.kind,
    spawn(modulePath, options) {
      const child = forkSpawner.spawn(modulePath, options);
      if (child.pid) pids.push(child.pid);
      return child;
    },
  };
}
