import { describe, expect, it } from 'vitest';
import type { ModelId } from '../../../shared/models';
import { builtHostScripts } from '../../../test-support/engine-options';
import { ReferenceAnswers } from './answer-checker';
import { runModel } from './model-run';
import { withSpeedups } from './model-notes';
import { forkSpawner } from '../models/process-spawner';
import { resolvePool } from '../../../shared/pool';
import type { PreparedScenario, TaskCheck } from '../scenarios/scenario';

const env = {
  hostScripts: builtHostScripts(),
  spawner: forkSpawner,
  callingThreadYieldMs: 100,
  callingThread: 'inline' as const,
};

function scenario(check: (task: number, model: number) => TaskCheck): {
  prepared: PreparedScenario;
  next(): void;
} {
  let model = 0;
  return {
    prepared: {
      tasks: Array.from({ length: 3 }, (_, token) => ({ workload: 'sleep', input: { ms: 5, token } })),
      derived: {},
      check: (task) => check(task, model),
      answer: (tally) => `${tally} tokens`,
      dispose: async () => undefined,
    },
    next: () => void model++,
  };
}

function run(prepared: PreparedScenario, model: ModelId, references: ReferenceAnswers) {
  return runModel({
    model,
    scenario: prepared,
    pool: resolvePool({ threads: 2, processes: 1 }, 2),
    env,
    cores: 2,
    references,
    signal: new AbortController().signal,
  });
}

describe('a model that gives a wrong answer', () => {
  it('fails, and says so first in its notes', async () => {
    const { prepared } = scenario((task) =>
      task === 1
        ? { ok: false, problem: 'token 1 came back as 7' }
        : { ok: true, digest: `${task}`, tally: 1n },
    );
    const measured = await run(prepared, 'threads', new ReferenceAnswers(prepared.tasks.length));
    expect(measured.state).toBe('failed');
    expect(measured.check).toMatchObject({ ok: false, problem: 'token 1 came back as 7' });
    const [result] = withSpeedups([measured]);
    expect(result!.notes[0]).toBe('WRONG ANSWER: token 1 came back as 7');
  });

  it('fails when its answer differs from an earlier model on the same task', async () => {
    const { prepared, next } = scenario((task, model) => ({
      ok: true,
      digest: model === 1 && task === 2 ? 'different' : `${task}`,
      tally: 1n,
    }));
    const references = new ReferenceAnswers(prepared.tasks.length);
    const first = await run(prepared, 'sequential', references);
    next();
    const second = await run(prepared, 'processes', references);
    expect(first.state).toBe('done');
    expect(second.state).toBe('failed');
    expect(second.check.problem).toMatch(/task 2: answer different differs from sequential's 2/);
  });
});

describe('a model whose pool cannot start', () => {
  it('fails as a whole, and every task it never ran is counted failed, none missing', async () => {
    const { prepared } = scenario((task) => ({ ok: true, digest: `${task}`, tally: 1n }));
    const measured = await runModel({
      model: 'processes',
      scenario: prepared,
      pool: resolvePool({ processes: 1 }, 2),
      // A host script that does not exist: every start attempt exits at once.
      env: { ...env, hostScripts: { ...env.hostScripts, processHost: '/nonexistent/process-host.js' } },
      cores: 2,
      references: new ReferenceAnswers(prepared.tasks.length),
      signal: new AbortController().signal,
    });
    expect(measured.state).toBe('failed');
    expect(measured.error).toMatch(/failed to start 3 times in a row/);
    expect(measured.completed + measured.failed).toBe(measured.total);
    expect(measured.failed).toBe(3);
    expect(measured.timeline).toHaveLength(3);
    expect(measured.failures[0]?.message).toMatch(/^not run: /);
  });
});
