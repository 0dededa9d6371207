/**
 * When `serve` asks for it, every model's threads and processes run below the thread that serves the
 * windows (nice MODEL_NICE), and the serving thread stays where it was; on Linux only, where a
 * thread's nice value is its own. Without the ask (the desktop app, the CLI's run) nothing changes.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../test-support/engine-options';
import type { Executor, TaskEvent, TaskSpec } from '../../../workers/protocol/executor';
import {
  lowerModelsOfThisProcess,
  lowerProcess,
  lowerThisThread,
  lowerThreadStartedBy,
  threadIds,
  MODEL_NICE,
  MODEL_NICE_ENV,
} from '../../../workers/protocol/model-priority';
import { DedicatedThreadExecutor } from './dedicated-thread-executor';
import { GilThreadPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor } from './pool-executors';
import { processWorkerFactory } from './pool-workers';
import { forkSpawner } from './process-spawner';

const scripts = builtHostScripts();
const linux = process.platform === 'linux';

/** How many of a process's threads run at each nice value (Linux: /proc/<pid>/task/<tid>/stat). */
function threadsByNice(pid: number | 'self' = 'self'): Map<number, number> {
  const counts = new Map<number, number>();
  for (const tid of threadIds(pid)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
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

const makers = [
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
] as const;

describe('model priority, as the desktop app and the CLI leave it', () => {
  it.runIf(linux)('runs no model thread or process below the calling thread', async () => {
    expect(process.env[MODEL_NICE_ENV]).toBeUndefined();
    const loweredBefore = threadsByNice().get(MODEL_NICE) ?? 0;
    await withStarted(makers[0][1](), () => {
      expect(threadsByNice().get(MODEL_NICE) ?? 0).toBe(loweredBefore);
    });
    const executor = new ProcessPoolExecutor(scripts.processHost, forkSpawner, {
      size: 1,
      taskTimeoutMs: null,
    });
    await withStarted(executor, (labels) => {
      const pid = Number(/\(pid (\d+)\)/.exec(labels[0]!)?.[1]);
      expect(getPriority(pid)).toBe(getPriority());
    });
  });
});

describe('model priority, as serve asks for it', () => {
  beforeAll(() => lowerModelsOfThisProcess());
  afterAll(() => {
    delete process.env[MODEL_NICE_ENV];
  });

  it.runIf(linux).each(makers)(
    'runs the threads of %s below the calling thread, which stays as it was',
    async (_name, make) => {
      const before = getPriority();
      const loweredBefore = threadsByNice().get(MODEL_NICE) ?? 0;
      const executor = make();
      const expected = executor instanceof DedicatedThreadExecutor ? 1 : 2;
      await withStarted(executor, () => {
        expect((threadsByNice().get(MODEL_NICE) ?? 0) - loweredBefore).toBeGreaterThanOrEqual(expected);
        expect(getPriority()).toBe(before);
      });
    },
  );

  it.runIf(linux)(
    "runs a processes pool's children below the serving process, which stays as it was",
    async () => {
      const before = getPriority();
      const executor = new ProcessPoolExecutor(scripts.processHost, forkSpawner, {
        size: 2,
        taskTimeoutMs: null,
      });
      await withStarted(executor, (labels) => {
        const pids = labels.map((label) => Number(/\(pid (\d+)\)/.exec(label)?.[1]));
        expect(pids).toHaveLength(2);
        // Every thread of each child, V8's helpers made before its parent lowered it included.
        for (const pid of pids) expect([...threadsByNice(pid).keys()]).toEqual([MODEL_NICE]);
        expect(getPriority()).toBe(before);
      });
    },
  );

  /** A worker whose first statement reports its own nice value; it never lowers itself. */
  const reportingWorker = (): Worker =>
    new Worker(
      `const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');
       require('node:worker_threads').parentPort.postMessage(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));`,
      { eval: true },
    );
  const reported = (worker: Worker): Promise<unknown> =>
    new Promise((resolve) => worker.once('message', resolve));

  it.runIf(linux)('lowers a model thread before its own code runs, and no other thread', async () => {
    const before = threadsByNice();
    const worker = lowerThreadStartedBy(reportingWorker);
    try {
      expect(await reported(worker)).toBe(MODEL_NICE);
      const after = threadsByNice();
      expect((after.get(MODEL_NICE) ?? 0) - (before.get(MODEL_NICE) ?? 0)).toBe(1);
      expect(after.get(0)).toBe(before.get(0));
    } finally {
      await worker.terminate();
    }
  });

  it.runIf(linux)(
    'lowers none when more than one thread appeared: which one is the worker is unknown',
    async () => {
      const workers = lowerThreadStartedBy(() => [reportingWorker(), reportingWorker()]);
      try {
        expect(await Promise.all(workers.map(reported))).toEqual([0, 0]);
      } finally {
        await Promise.all(workers.map((worker) => worker.terminate()));
      }
    },
  );

  it.runIf(linux)("lowers a processes pool's child before its own code runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-priority-'));
    // A child that reports its nice value first thing, and never lowers itself.
    const script = join(dir, 'report-nice.cjs');
    writeFileSync(
      script,
      "process.send({ nice: require('node:os').getPriority() }); process.on('message', () => {});",
    );
    const factory = processWorkerFactory({ script, spawner: forkSpawner });
    let reported: (nice: unknown) => void = () => undefined;
    const nice = new Promise((resolve) => (reported = resolve));
    const worker = factory(0, {
      response: (message) => reported((message as unknown as { nice: number }).nice),
      exit: () => reported('exited'),
    });
    try {
      expect(await nice).toBe(MODEL_NICE);
    } finally {
      await worker.terminate();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(linux)(
    'a pool process started by anyone lowers all its own threads once its code runs',
    async () => {
      // Forked here, not through the pool: nobody lowers it from outside.
      const child = fork(scripts.processHost, [], { serialization: 'advanced', stdio: 'ignore' });
      try {
        const ready = new Promise((resolve) => child.once('message', resolve));
        child.send({ type: 'init', lane: 0 });
        expect(await ready).toMatchObject({ type: 'ready' });
        expect([...threadsByNice(child.pid!).keys()]).toEqual([MODEL_NICE]);
      } finally {
        child.kill('SIGKILL');
      }
    },
  );

  it('lowers nothing where a thread cannot be lowered alone, processes included', () => {
    const before = getPriority();
    expect(lowerThisThread('darwin')).toBe(false);
    expect(lowerThisThread('win32')).toBe(false);
    expect(lowerProcess(process.pid, 'darwin')).toBe(false);
    expect(lowerProcess(process.pid, 'win32')).toBe(false);
    expect(getPriority()).toBe(before);
  });

  it('says so, and throws nothing, when a process cannot be lowered', () => {
    expect(lowerProcess(undefined)).toBe(false);
    // A pid no process has (the kernel's limit is far below it).
    expect(lowerProcess(2 ** 30)).toBe(false);
  });
});
