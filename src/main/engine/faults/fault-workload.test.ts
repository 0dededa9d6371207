/**
 * Fault suite: the `fault` workload's throw, exit, out-of-memory and hang, run by the engine as a
 * model's tasks under threads, gil-threads and processes. Each fault fails its task and nothing
 * else is lost; the model that failed them is never ranked, whatever its time.
 */
import { describe, expect, it } from 'vitest';
import { failureOf, fastestOf, isRankable } from '../../../shared/ranking';
import { verdict } from '../../../shared/verdict';
import type { TaskSpec } from '../../../workers/protocol/executor';
import { builtHostScripts } from '../../../test-support/engine-options';
import { forkSpawner } from '../models/process-spawner';
import { ReferenceAnswers } from '../run/answer-checker';
import { runModel } from '../run/model-run';
import { withSpeedups } from '../run/model-notes';
import { resolvePool } from '../../../shared/pool';
import { field, type PreparedScenario } from '../scenarios/scenario';
import type { PooledModel } from './killable-workers.test-support';

const env = {
  hostScripts: builtHostScripts(),
  spawner: forkSpawner,
  callingThreadYieldMs: 100,
  callingThread: 'inline' as const,
  // Small heaps, so the oom fault ends its worker in a moment.
  workerMemoryMb: 48,
};

const sleep = (token: number): TaskSpec => ({ workload: 'sleep', input: { ms: 20, token } });
const fault = (kind: 'throw' | 'exit' | 'oom' | 'hang'): TaskSpec => ({ workload: 'fault', input: { kind } });

/** Sleeps around the faults; every sleep must come back with its token. */
function scenario(faults: readonly TaskSpec[]): PreparedScenario {
  const tasks = [sleep(0), ...faults.flatMap((f, i) => [f, sleep(i + 1)]), sleep(99)];
  return {
    tasks,
    derived: {},
    check: (task, output) =>
      field(output, 'token') === (tasks[task]!.input as { token: number }).token
        ? { ok: true, digest: String(task), tally: 1n }
        : { ok: false, problem: `task ${task} came back as ${JSON.stringify(output)}` },
    answer: (tally) => `${tally} tokens`,
    dispose: async () => undefined,
  };
}

function run(
  model: PooledModel | 'sequential',
  prepared: PreparedScenario,
  references: ReferenceAnswers,
  taskTimeoutMs: number | null = null,
) {
  return runModel({
    model,
    scenario: prepared,
    pool: resolvePool({ threads: 2, processes: 2, ...(taskTimeoutMs === null ? {} : { taskTimeoutMs }) }, 2),
    env,
    cores: 2,
    references,
    signal: new AbortController().signal,
  });
}

// gil-threads: an out-of-memory thread is a thread like any other. The hang runs on its own, with a
// timeout: beside it, a slow out-of-memory task on a loaded machine could be timed out instead.
const FAULTS: Record<PooledModel, readonly ('throw' | 'exit' | 'oom')[]> = {
  threads: ['throw', 'exit', 'oom'],
  'gil-threads': ['throw', 'exit'],
  processes: ['throw', 'exit', 'oom'],
};

describe.each(Object.keys(FAULTS) as PooledModel[])('%s running the fault workload', (model) => {
  it('fails each faulty task, completes every other, and is never ranked', async () => {
    const faults = FAULTS[model];
    const prepared = scenario(faults.map(fault));
    const references = new ReferenceAnswers(prepared.tasks.length);
    const clean = scenario([]);
    const measured = await run(model, prepared, references);

    expect(measured.completed + measured.failed).toBe(measured.total);
    expect(measured.timeline).toHaveLength(measured.total);
    expect(measured.failed).toBe(faults.length);
    const messages = measured.failures.map((f) => f.message).join('\n');
    expect(messages).toMatch(/task failed on purpose/);
    expect(messages).toMatch(/exited with code 3/);
    if (faults.includes('oom')) expect(messages).toMatch(/ran out of memory/);
    expect(measured.state).toBe('failed');

    // A task that never yields is stopped at its timeout; its worker is replaced and the rest run.
    const hanging = scenario([fault('hang')]);
    const hung = await run(model, hanging, new ReferenceAnswers(hanging.tasks.length), 800);
    expect(hung.completed + hung.failed).toBe(hung.total);
    // Under the GIL a hung holder may stall the sleep queued beside it into the timeout as well.
    expect(hung.failed).toBeLessThanOrEqual(model === 'gil-threads' ? 2 : 1);
    expect(hung.failures[0]?.message).toMatch(/timed out after 800 ms/);

    // Beside a clean sequential run it gets no speedup and is not fastest, however short its time.
    const baseline = await run('sequential', clean, new ReferenceAnswers(clean.tasks.length));
    const results = withSpeedups([baseline, { ...measured, wallMs: 1 }]);
    const [sequential, faulty] = results;
    expect(isRankable(sequential!)).toBe(true);
    expect(faulty!.speedup).toBeNull();
    expect(fastestOf(results)).toBeUndefined();
    expect(failureOf(faulty!)).toBe(`failed ${measured.failed} of ${measured.total} tasks`);
    expect(verdict(results, 'cpu', 2)).toContain(
      `${model} failed ${measured.failed} of ${measured.total} tasks`,
    );
  });
});
