/**
 * The "10 files" scenarios under Python run the classic assignment: an abstract FileProcessor with
 * sequential, threaded, multiprocessing and asyncio subclasses (resources/python/.../file_processor.py),
 * with the same checked answers, lanes and statistics as the lab's own Python models.
 */
import { describe, expect, it } from 'vitest';
import type { TaskEvent, TaskSpec } from '../../../../workers/protocol/executor';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { runScenario } from '../../run/run-session';
import { forkSpawner } from '../process-spawner';
import { runToEnd, settledByTask, testExecutor } from './python.test-support';

const engine = { hostScripts: builtHostScripts(), spawner: forkSpawner };

const CLASSES = {
  'py-sequential': 'SequentialFileProcessor',
  'py-threads': 'ThreadedFileProcessor',
  'py-processes': 'MultiprocessingFileProcessor',
  'py-asyncio': 'AsyncioFileProcessor',
} as const;

describe.each([
  ['io-sleep', { tasks: 4, taskMs: 30 }],
  ['cpu-wordcount', { tasks: 3, taskMs: 2 }],
] as const)('%s under Python', (scenario, params) => {
  it('runs the classic FileProcessor subclasses, with checked answers and a lane per thread, process or slot', async () => {
    const run = await runScenario(
      {
        scenario,
        params,
        models: Object.keys(CLASSES) as (keyof typeof CLASSES)[],
        pool: { threads: 2, processes: 2 },
      },
      engine,
    );
    expect(run.state).toBe('done');
    for (const result of run.results) {
      expect(result.state, `${result.model}: ${result.notes.join('; ')}`).toBe('done');
      expect(result.check.ok).toBe(true);
      expect(result.placement).toContain(CLASSES[result.model as keyof typeof CLASSES]);
      expect(result.python!.lanes.reduce((sum, lane) => sum + lane.tasks, 0)).toBe(params.tasks);
    }
    expect(new Set(run.results.map((r) => r.check.answer)).size).toBe(1);
    const labels = (model: string) => run.results.find((r) => r.model === model)!.lanes.map((l) => l.label);
    expect(labels('py-sequential')).toEqual(['main thread']);
    expect(labels('py-threads').every((label) => /^thread [12]$/.test(label))).toBe(true);
    expect(labels('py-processes').every((label) => /^process pid \d+$/.test(label))).toBe(true);
    expect(labels('py-asyncio')[0]).toBe('slot 1');
  });
});

it.skipIf(process.platform === 'win32')(
  'fails the files of a killed worker process, and the rest, without hanging (ProcessPoolExecutor breaks)',
  async () => {
    const executor = await testExecutor('py-processes', { program: 'file-processor' });
    const tasks: TaskSpec[] = [0, 1, 2].map((token) => ({ workload: 'sleep', input: { ms: 20_000, token } }));
    const lanes = new Map<number, string>();
    let killed = false;
    const events: TaskEvent[] = await runToEnd(executor, tasks, (event) => {
      if (event.type === 'lane') lanes.set(event.lane.index, event.lane.label);
      if (event.type === 'started' && !killed) {
        killed = true;
        process.kill(Number(/pid (\d+)/.exec(lanes.get(event.lane)!)![1]), 'SIGKILL');
      }
    });
    const settled = settledByTask(events);
    expect(settled.size).toBe(3);
    for (const event of settled.values()) {
      expect(event.type).toBe('failed');
      if (event.type === 'failed') expect(event.error).toMatch(/BrokenProcessPool/);
    }
  },
);
