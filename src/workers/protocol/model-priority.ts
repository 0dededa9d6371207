/**
 * When `serve` runs the lab, every model's threads and processes run below the thread that serves
 * the windows. A run keeps every core busy; when the serving thread has a turn to take (a snapshot, a
 * window's request, a frame for a room of attendees) it should not wait for a core behind a model's
 * busy loop, as a UI thread does not. A nice value of 10 gives a model's thread about a tenth of the
 * serving thread's weight when both want the same core (Linux's scheduler), and changes nothing while
 * the serving thread is idle: models still race each other on equal terms, every one lowered alike.
 *
 * Linux only: there a thread's nice value is its own and a weight, not a class. Elsewhere a thread
 * cannot be lowered alone (the call would lower the whole process, the serving thread with it), and
 * Windows' "below normal" is a strict class, so lowering only the processes would rank models by
 * where they run. The desktop app and the CLI's `run` leave every model as it is.
 *
 * `serve` says so in the environment, which the threads and processes it starts inherit. A model's
 * thread, or a model process's main thread, is lowered by whoever starts it as soon as it exists, and
 * again from the inside once its code runs (a process then lowers all its threads): a new thread or
 * process boots Node first (20–40 ms of CPU each), and a pool of six booting at the serving thread's
 * priority took the cores from it at a model's start (profiled in bench (e): 10–26 ms stalls of the
 * serving loop at the async → threads transition, few of them the serving thread's own work).
 *
 * Measured with bench (e), async alone, 100,000 tasks and 100 followers, three runs each way on 2
 * cores: the serving loop's worst second 7.7 / 8.2 / 5.7 ms at nice 0, 6.1 / 3.8 / 5.2 ms at nice 10.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of a model's threads and processes (0 is the default; 19 the lowest). */
export const MODEL_NICE = 10;

/** Set by `serve` for what it starts: its models run at MODEL_NICE. */
export const MODEL_NICE_ENV = 'CONCURRENCY_LAB_MODEL_NICE';

/** Makes the models this process starts from now on run below it (`serve`, on Linux). */
export function lowerModelsOfThisProcess(env: NodeJS.ProcessEnv = process.env): void {
  env[MODEL_NICE_ENV] = String(MODEL_NICE);
}

/** Whether models started here are to be lowered: asked for, and on Linux. */
function lowering(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return platform === 'linux' && env[MODEL_NICE_ENV] === String(MODEL_NICE);
}

/** Lowers the calling thread, a model's, when asked for; whether it did. */
export function lowerThisThread(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return lowering(platform, env) && lower(0);
}

/** Lowers a model's process (a pool's child, a Python harness) when asked for; its children inherit it. */
export function lowerProcess(
  pid: number | undefined,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return pid !== undefined && lowering(platform, env) && lower(pid);
}

/**
 * Runs `start`, which starts one worker thread (Node's Worker makes its thread before it returns), and
 * lowers that thread, when asked for, before it boots Node. If more than one thread appeared meanwhile
 * (another thread of this process made one), which is the worker cannot be told: none is lowered here,
 * and the worker lowers itself once its code runs.
 */
export function lowerThreadStartedBy<T>(
  start: () => T,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): T {
  if (!lowering(platform, env)) return start();
  const before = new Set(threadIds('self'));
  const started = start();
  const fresh = threadIds('self').filter((tid) => !before.has(tid));
  if (fresh.length === 1) lower(Number(fresh[0]));
  return started;
}

/**
 * Lowers every thread of this process, a model's (a pool's child, a distributed worker), when asked
 * for: its main thread may have been lowered by its parent, but threads Node made before that (V8's
 * helpers, for collecting and compiling) keep the nice value they started with.
 */
export function lowerThisProcess(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (!lowering(platform, env)) return false;
  let all = true;
  for (const tid of threadIds('self')) all = lower(Number(tid)) && all;
  return all;
}

/** A process's thread ids (Linux). */
export function threadIds(pid: number | 'self'): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
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
