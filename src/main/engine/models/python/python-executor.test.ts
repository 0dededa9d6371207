import { describe, expect, it } from 'vitest';
import { epochNow } from '../../../../shared/clock';
import { CancelledError } from '../../errors';
import type { TaskEvent, TaskSpec } from '../../../../workers/protocol/executor';
import type { PythonModelId } from './python-models';
import {
  isRunning,
  liveGroupMembers,
  runToEnd,
  settledByTask,
  testExecutor,
  testInterpreter,
} from './python.test-support';

const sleep = (token: number, ms = 20): TaskSpec => ({ workload: 'sleep', input: { ms, token } });
const fault = (kind: 'throw' | 'exit' | 'hang', message?: string): TaskSpec => ({
  workload: 'fault',
  input: { kind, message },
});
const primes = (start: number, count: number): TaskSpec => ({
  workload: 'count-primes',
  input: { start, end: start + count },
});

function laneLabels(events: readonly TaskEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'lane' ? [e.lane.label] : []));
}

const FIRST_LANES: Record<Exclude<PythonModelId, 'py-threads-nogil'>, RegExp> = {
  'py-sequential': /^main thread$/,
  'py-asyncio': /^slot 1$/,
  'py-threads': /^thread 1$/,
  'py-processes': /^process pid \d+$/,
};

describe.each(Object.keys(FIRST_LANES) as (keyof typeof FIRST_LANES)[])('%s', (model) => {
  it('runs every task once, on the lab clock, in labelled lanes', async () => {
    const executor = await testExecutor(model);
    const before = epochNow();
    const events = await runToEnd(
      executor,
      Array.from({ length: 5 }, (_, i) => sleep(i)),
    );
    const after = epochNow();
    const done = settledByTask(events);
    expect([...done.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
    for (const [task, event] of done)
      expect(event).toMatchObject({ type: 'finished', output: { token: task, ms: 20 } });
    expect(laneLabels(events)[0]).toMatch(FIRST_LANES[model]);
    // Every timestamp, mapped onto the lab's clock, lies within the run as the lab saw it.
    const slack = executor.clockAlignment!.uncertaintyMs;
    for (const event of events) {
      if (event.type === 'finished') {
        expect(event.startedAt).toBeGreaterThanOrEqual(before - slack);
        expect(event.endedAt).toBeLessThanOrEqual(after + slack);
        expect(event.endedAt - event.startedAt).toBeGreaterThanOrEqual(20);
      }
    }
    expect(executor.placement).toMatch(/\(CPython 3\.\d+\.\d+, GIL\)$/);
    const stats = executor.pythonStats()!;
    expect(stats.gilEnabledAfterRun).toBe(true);
    expect(stats.wakeProbe.samples).toBeGreaterThan(0);
    expect(stats.lanes.reduce((n, lane) => n + lane.tasks, 0)).toBe(5);
  });

  it('reports a task that raises as failed with its message, and goes on', async () => {
    const events = await runToEnd(await testExecutor(model), [
      sleep(0),
      fault('throw', 'disk on fire'),
      sleep(2),
    ]);
    const done = settledByTask(events);
    expect(done.get(1)).toMatchObject({ type: 'failed', error: 'disk on fire' });
    expect(done.get(0)?.type).toBe('finished');
    expect(done.get(2)?.type).toBe('finished');
  });
});

describe('py-threads', () => {
  it('follows the switch-interval knob and measures CPU time against wall time per thread', async () => {
    const executor = await testExecutor('py-threads', { workers: 2, switchIntervalMs: 2 });
    await runToEnd(executor, [primes(1e9, 3000), primes(1e9 + 3000, 3000)]);
    const stats = executor.pythonStats()!;
    expect(stats.switchIntervalMs).toBeCloseTo(2, 6);
    expect(stats.cpuSource).toBe('time.thread_time');
    expect(stats.lanes.map((lane) => lane.label).sort()).toEqual(['thread 1', 'thread 2']);
    for (const lane of stats.lanes) {
      expect(lane.cpuMs).toBeGreaterThan(0);
      expect(lane.busyMs).toBeGreaterThan(0);
    }
    expect(stats.wakeProbe.idleP50Ms).toBeGreaterThanOrEqual(0);
  });

  it('changes the switch interval live, while tasks run', async () => {
    const executor = await testExecutor('py-threads', { workers: 2, switchIntervalMs: 5 });
    await runToEnd(executor, [sleep(0, 200), sleep(1, 200)], (event) => {
      if (event.type === 'started' && event.task === 0) executor.setSwitchInterval(0.5);
    });
    expect(executor.pythonStats()!.switchIntervalMs).toBeCloseTo(0.5, 6);
  });

  it('fails a task past its timeout without stopping the thread, which Python cannot do', async () => {
    const events = await runToEnd(await testExecutor('py-threads', { taskTimeoutMs: 300 }), [
      fault('hang'),
      sleep(1),
    ]);
    const done = settledByTask(events);
    expect(done.get(0)).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(/^timed out after 300 ms; Python cannot stop a thread/),
    });
    expect(done.get(1)?.type).toBe('finished');
  });
});

describe('py-asyncio', () => {
  it('keeps at most `concurrency` tasks in flight', async () => {
    const events = await runToEnd(
      await testExecutor('py-asyncio', { workers: 2 }),
      Array.from({ length: 6 }, (_, i) => sleep(i)),
    );
    expect(laneLabels(events)).toEqual(['slot 1', 'slot 2']);
    expect(settledByTask(events).size).toBe(6);
  });
});

describe('py-processes', () => {
  it('fails the task of a worker that exits, replaces the worker, and loses no task', async () => {
    const events = await runToEnd(await testExecutor('py-processes'), [
      sleep(0),
      fault('exit'),
      sleep(2),
      sleep(3),
    ]);
    const done = settledByTask(events);
    expect(done.size).toBe(4);
    expect(done.get(1)).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(/^process pid \d+ exited with code 3$/),
    });
    expect([0, 2, 3].every((task) => done.get(task)?.type === 'finished')).toBe(true);
    expect(laneLabels(events)).toHaveLength(3); // two lanes, one replacement
  });

  it('fails the task of a worker killed from outside, and the run still ends', async () => {
    let killed: number | null = null;
    const labels = new Map<number, string>();
    const events = await runToEnd(
      await testExecutor('py-processes'),
      [sleep(0, 2000), sleep(1, 50), sleep(2, 50), sleep(3, 50)],
      (event) => {
        if (event.type === 'lane') labels.set(event.lane.index, event.lane.label);
        if (event.type === 'started' && event.task === 0 && killed === null) {
          killed = Number(/pid (\d+)/.exec(labels.get(event.lane) ?? '')![1]);
          process.kill(killed, 'SIGKILL');
        }
      },
    );
    const done = settledByTask(events);
    expect(done.get(0)).toMatchObject({
      type: 'failed',
      error: `process pid ${killed} was killed by SIGKILL`,
    });
    expect([1, 2, 3].every((task) => done.get(task)?.type === 'finished')).toBe(true);
  });

  it('fails a stuck task at the timeout, kills and replaces its worker', async () => {
    const events = await runToEnd(await testExecutor('py-processes', { taskTimeoutMs: 300 }), [
      fault('hang'),
      sleep(1),
    ]);
    expect(settledByTask(events).get(0)).toMatchObject({
      type: 'failed',
      error: expect.stringMatching(/^timed out after 300 ms; process pid \d+ was stopped and replaced$/),
    });
  });

  it('works with the spawn start method (the default on macOS and Windows)', async () => {
    const executor = await testExecutor('py-processes', { startMethod: 'spawn' });
    const events = await runToEnd(executor, [sleep(0), fault('exit'), sleep(2)]);
    expect(executor.placement).toMatch(/^2 processes \(spawn\)/);
    const done = settledByTask(events);
    expect(done.get(1)?.type).toBe('failed');
    expect(done.get(2)?.type).toBe('finished');
  });

  it.skipIf(process.platform === 'win32')(
    'stops the harness and every worker when cancelled, leaving no process',
    async () => {
      const executor = await testExecutor('py-processes');
      await executor.start();
      const group = executor.harnessPid!;
      const controller = new AbortController();
      const events: TaskEvent[] = [];
      let abortedAt = 0;
      const run = executor.run(
        Array.from({ length: 4 }, (_, i) => sleep(i, 30_000)),
        (event) => {
          events.push(event);
          if (event.type === 'started' && abortedAt === 0) {
            abortedAt = epochNow();
            controller.abort();
          }
        },
        controller.signal,
      );
      await expect(run).rejects.toBeInstanceOf(CancelledError);
      await executor.close();
      const stoppedAfterMs = epochNow() - abortedAt;
      const workers = laneLabels(events).map((label) => Number(/pid (\d+)/.exec(label)![1]));
      expect(workers).toHaveLength(2);
      expect(liveGroupMembers(group)).toEqual([]);
      expect([group, ...workers].filter(isRunning)).toEqual([]);
      console.info(
        `py-processes: cancelled and every process gone ${stoppedAfterMs.toFixed(0)} ms after the abort`,
      );
    },
  );
});

describe('a harness that breaks', () => {
  it('fails the running tasks and the run when the harness itself is killed', async () => {
    const executor = await testExecutor('py-threads');
    await executor.start();
    const events: TaskEvent[] = [];
    const run = executor.run(
      [sleep(0, 30_000), sleep(1, 30_000), sleep(2, 30_000)],
      (event) => {
        events.push(event);
        if (event.type === 'started' && event.task === 1) process.kill(executor.harnessPid!, 'SIGKILL');
      },
      new AbortController().signal,
    );
    await expect(run).rejects.toThrow('the Python harness was killed by SIGKILL');
    await executor.close();
    const done = settledByTask(events);
    expect(done.get(0)).toMatchObject({ type: 'failed', error: 'the Python harness was killed by SIGKILL' });
    expect(done.get(1)?.type).toBe('failed');
  });

  it('refuses py-threads-nogil on a build with the GIL, saying why', async () => {
    const executor = await testExecutor('py-threads-nogil');
    await expect(executor.start()).rejects.toThrow(/^py-threads-nogil needs a free-threaded build/);
    await executor.close();
  });

  it('says so when the interpreter is not there', async () => {
    const interpreter = { ...(await testInterpreter()), executable: '/nonexistent/python3' };
    const executor = await testExecutor('py-sequential', { interpreter });
    await expect(executor.start()).rejects.toThrow(
      /^the Python harness could not start \(\/nonexistent\/python3\): spawn/,
    );
    await executor.close();
  });
});
