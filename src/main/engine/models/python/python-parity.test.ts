/**
 * Parity: every scenario's real task list, built by its real runner, run by the real harness under
 * every Python model; the scenario's own check() must accept every output and give the same verdict
 * (digest and tally) as the Node workload on the same task, so checksums agree bit for bit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveParams } from '../../../../shared/run-request';
import { SCENARIO_IDS, type ScenarioId } from '../../../../shared/scenarios';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { measuringContext } from '../../../../test-support/measuring-context';
import { runWorkload } from '../../../../workers/workloads';
import type { TaskSpec } from '../../../../workers/protocol/executor';
import { forkSpawner } from '../process-spawner';
import { SCENARIO_RUNNERS } from '../../scenarios';
import type { PreparedScenario, TaskCheck } from '../../scenarios/scenario';
import { detectPython, pythonAvailability } from './python-interpreter';
import { PYTHON_MODEL_IDS } from './python-models';
import { runToEnd, settledByTask, testExecutor } from './python.test-support';

/** Small sizes: the point is the answers, not the time. */
const PARAMS: Readonly<Record<ScenarioId, Readonly<Record<string, number>>>> = {
  'io-sleep': { tasks: 3, taskMs: 20 },
  'cpu-wordcount': { tasks: 3, taskMs: 2 },
  'http-requests': { tasks: 8, latencyMs: 5, bytes: 2048, jitterMs: 5, failureRate: 0.25 },
  'cpu-sum-squares': { tasks: 3, taskMs: 2 },
  'cpu-primes': { tasks: 3, taskMs: 2 },
  'image-batch': { tasks: 2, imageSize: 40, blurRadius: 2 },
  'matrix-inverse': { tasks: 2, matrixSize: 24 },
};

interface PreparedEntry {
  readonly scenario: ScenarioId;
  readonly prepared: PreparedScenario;
  /** The Node workload's verdict on each task: its check, or the error it failed with. */
  readonly reference: readonly (TaskCheck | { readonly error: string })[];
}

const entries: PreparedEntry[] = [];
let tempDir = '';

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'lab-parity-'));
  const signal = new AbortController().signal;
  for (const scenario of SCENARIO_IDS) {
    const prepared = await SCENARIO_RUNNERS[scenario].prepare(resolveParams(scenario, PARAMS[scenario]), {
      tempDir,
      spawner: forkSpawner,
      hostScripts: builtHostScripts(),
      signal,
      report: () => undefined,
    });
    const reference = await Promise.all(
      prepared.tasks.slice().map((spec, task) =>
        runWorkload(spec.workload, spec.input, measuringContext()).then(
          (output) => prepared.check(task, output),
          (error: unknown) => ({ error: String(error) }),
        ),
      ),
    );
    entries.push({ scenario, prepared, reference });
  }
});

afterAll(async () => {
  await Promise.all(entries.map((entry) => entry.prepared.dispose()));
  await rm(tempDir, { recursive: true, force: true });
});

describe.each(PYTHON_MODEL_IDS)('%s', (model) => {
  it('gives every scenario the answer its check accepts, the same as the Node workload', async (context) => {
    const availability = pythonAvailability(model, await detectPython());
    if (!availability.available) {
      context.skip(availability.reason);
      return;
    }
    // Every scenario's tasks in one run: one harness per model keeps the test short.
    const tasks: TaskSpec[] = [];
    const owner: { entry: PreparedEntry; task: number }[] = [];
    for (const entry of entries) {
      entry.prepared.tasks.slice().forEach((spec, task) => {
        tasks.push(spec);
        owner.push({ entry, task });
      });
    }
    const events = await runToEnd(await testExecutor(model, { workers: 3 }), tasks);
    const settled = settledByTask(events);
    expect(settled.size).toBe(tasks.length);
    for (const [index, { entry, task }] of owner.entries()) {
      const event = settled.get(index)!;
      const where = `${entry.scenario} task ${task}`;
      if (entry.prepared.expectsFailure?.(task)) {
        expect(event, where).toMatchObject({ type: 'failed', error: `HTTP 500 for request ${task}` });
        continue;
      }
      expect(event.type === 'failed' ? event.error : 'finished', where).toBe('finished');
      if (event.type !== 'finished') continue;
      const verdict = entry.prepared.check(task, event.output);
      expect(verdict, where).toMatchObject({ ok: true });
      expect(verdict, where).toEqual(entry.reference[task]);
    }
  });
});

it('sets up injected failures, so that the parity above covers failing requests too', () => {
  const http = entries.find((entry) => entry.scenario === 'http-requests')!;
  const failing = http.prepared.tasks
    .slice()
    .filter((_, task) => http.prepared.expectsFailure?.(task)).length;
  expect(failing).toBeGreaterThan(0);
  expect(failing).toBeLessThan(http.prepared.tasks.length);
});
