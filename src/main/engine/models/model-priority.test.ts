/**
 * Every model's threads and processes run below the thread that serves the windows (nice
 * MODEL_NICE), and the serving thread stays where it was. Threads are lowered on Linux only, where a
 * thread's nice value is its own; processes on every platform.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../test-support/engine-options';
import type { Executor, TaskEvent, TaskSpec } from '../../../workers/protocol/executor';
import { lowerProcess, lowerThisThread, MODEL_NICE } from '../../../workers/protocol/model-priority';
import { DedicatedThreadExecutor } from './dedicated-thread-executor';
import { GilThreadPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor } from './pool-executors';
import { forkSpawner } from './process-spawner';

const scripts = builtHostScripts();
const linux = process.platform === 'linux';

/** How many of this process's threads run at each nice value (Linux: /proc/self/task/<tid>/stat). */
function threadsByNice(): Map<number, number> {
  const counts = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended meanwhile
    }
    // Fields after the command's closing parenthesis: state is field 3, nice field 19.
    const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    counts.set(nice, (counts.get(nice) ?? 0) + 1);
  }
  return counts;
}

/** Runs one short task so every worker is up, then hands over the executor and the lane labels seen. */
async function withStarted(executor: Executor, check: (labels: string[]) => void): Promise<void> {
  const labels: string[] = [];
  try {
    await executor.start();
    const oneTask: TaskSpec[] = [{ workload: 'sleep', input: { ms: 1, token: 0 } }];
    await executor.run(
      oneTask,
      (event: TaskEvent) => {
        if (event.type === 'lane') labels.push(event.lane.label);
      },
      new AbortController().signal,
    );
    check(labels);
  } finally {
    await executor.close();
  }
}

describe('model priority', () => {
  it.runIf(linux).each([
    ['threads', () => new ThreadPoolExecutor(scripts.threadHost, { size: 2, taskTimeoutMs: null })],
    [
      'gil-threads',
      () =>
        new GilThreadPoolExecutor(scripts.threadHost, { size: 2, taskTimeoutMs: null, switchIntervalMs: 5 }),
    ],
    [
      'the loop thread',
      () =>
        new DedicatedThreadExecutor(scripts.loopThreadHost, {
          model: 'async',
          concurrency: null,
          yieldEveryMs: 100,
        }),
    ],
  ])('runs the threads of %s below the calling thread, which stays as it was', async (_name, make) => {
    const before = getPriority();
    const loweredBefore = threadsByNice().get(MODEL_NICE) ?? 0;
    const executor = make();
    const expected = executor instanceof DedicatedThreadExecutor ? 1 : 2;
    await withStarted(executor, () => {
      expect((threadsByNice().get(MODEL_NICE) ?? 0) - loweredBefore).toBeGreaterThanOrEqual(expected);
      expect(getPriority()).toBe(before);
    });
  });

  it("runs a processes pool's children below the serving process, which stays as it was", async () => {
    const before = getPriority();
    const executor = new ProcessPoolExecutor(scripts.processHost, forkSpawner, {
      size: 2,
      taskTimeoutMs: null,
    });
    await withStarted(executor, (labels) => {
      const pids = labels.map((label) => Number(/\(pid (\d+)\)/.exec(label)?.[1]));
      expect(pids).toHaveLength(2);
      for (const pid of pids) expect(getPriority(pid)).toBe(MODEL_NICE);
      expect(getPriority()).toBe(before);
    });
  });

  it('leaves a thread as it is where lowering it would lower the whole process', () => {
    const before = getPriority();
    expect(lowerThisThread('darwin')).toBe(false);
    expect(lowerThisThread('win32')).toBe(false);
    expect(getPriority()).toBe(before);
  });

  it('says so, and throws nothing, when a process cannot be lowered', () => {
    expect(lowerProcess(undefined)).toBe(false);
    // A pid no process has (the kernel's limit is far below it).
    expect(lowerProcess(2 ** 30)).toBe(false);
  });
});
