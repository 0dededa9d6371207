/**
 * A model's threads and processes run below the thread that serves the windows. A run keeps every
 * core busy; when the serving thread has a turn to take (a snapshot, a window's request, a frame for a
 * room of attendees) it should not wait for a core behind a model's busy loop, as a UI thread does
 * not. A nice value of 10 gives a model's thread about a tenth of the serving thread's weight when
 * both want the same core (Linux's scheduler), and changes nothing while the serving thread is idle:
 * models still race each other on equal terms, every one of them lowered alike.
 *
 * Measured with bench (e), async alone, 100,000 tasks and 100 followers, three runs each way on 2
 * cores: the serving loop's worst second 7.7 / 8.2 / 5.7 ms at nice 0, 6.1 / 3.8 / 5.2 ms at nice 10.
 */
import { setPriority } from 'node:os';

/** The nice value of a model's threads and processes (0 is the default; 19 the lowest). */
export const MODEL_NICE = 10;

/**
 * Lowers the calling thread, where a thread's nice value is its own (Linux). Elsewhere the call would
 * lower the whole process, the serving thread with it, so a thread stays as it is there.
 */
export function lowerThisThread(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux' && lower(0);
}

/** Lowers a model's process (a pool's child, a Python harness), on every platform; its children inherit it. */
export function lowerProcess(pid: number | undefined): boolean {
  return pid !== undefined && lower(pid);
}

function lower(pid: number): boolean {
  try {
    setPriority(pid, MODEL_NICE);
    return true;
  } catch {
    // Not allowed here (a sandbox, a process already gone): the model runs as it would have.
    return false;
  }
}
