import { describe, expect, it } from 'vitest';
import { AnswerChecker, ReferenceAnswers } from './answer-checker';
import type { PreparedScenario } from '../scenarios/scenario';
import { MODEL_IDS } from '../../../shared/models';

/**
 * A scenario whose task i must output { value: i * i }; the digest is the value, the tally adds the
 * values. Tasks listed in `injected` are meant to fail.
 */
function squaresScenario(tasks: number, injected: readonly number[] = []): PreparedScenario {
  return {
    tasks: Array.from({ length: tasks }, () => ({ workload: 'sleep', input: { ms: 0 } })),
    derived: {},
    check(task, output) {
      const value = (output as { value?: unknown } | null)?.value;
      if (value !== task * task)
        return { ok: false, problem: `task ${task}: got ${String(value)}, want ${task * task}` };
      return { ok: true, digest: String(value), tally: BigInt(task * task) };
    },
    expectsFailure: (task) => injected.includes(task),
    answer: (tally, completed) => `${tally} from ${completed} tasks`,
    async dispose() {},
  };
}

/** Like squaresScenario, but any number is accepted and becomes the digest (so models can disagree). */
function anyNumberScenario(tasks: number): PreparedScenario {
  return {
    ...squaresScenario(tasks),
    check(_task, output) {
      const value = (output as { value: number }).value;
      return { ok: true, digest: String(value), tally: BigInt(value) };
    },
  };
}

describe('AnswerChecker', () => {
  it('accepts correct outputs and sums their tallies', () => {
    const checker = new AnswerChecker('sequential', squaresScenario(4), new ReferenceAnswers(4));
    for (let task = 0; task < 4; task++) checker.finished(task, { value: task * task });
    expect(checker.summary()).toEqual({ ok: true, answer: `${0 + 1 + 4 + 9} from 4 tasks` });
  });

  it('fails on a wrong output with the scenario problem, and leaves it out of the tally', () => {
    const checker = new AnswerChecker('threads', squaresScenario(3), new ReferenceAnswers(3));
    checker.finished(0, { value: 0 });
    checker.finished(1, { value: 2 });
    checker.finished(2, { value: 4 });
    expect(checker.summary()).toEqual({
      ok: false,
      answer: '4 from 2 tasks',
      problem: 'task 1: got 2, want 1',
    });
  });

  it('keeps the first problem when several outputs are wrong', () => {
    const checker = new AnswerChecker('threads', squaresScenario(3), new ReferenceAnswers(3));
    checker.finished(2, { value: 5 });
    checker.finished(1, null);
    expect(checker.summary().problem).toBe('task 2: got 5, want 4');
  });

  it('fails a model whose digest differs from the first model to answer, naming that model', () => {
    const scenario = anyNumberScenario(2);
    const references = new ReferenceAnswers(2);
    const first = new AnswerChecker('sequential', scenario, references);
    first.finished(0, { value: 10 });
    first.finished(1, { value: 20 });
    expect(first.summary().ok).toBe(true);

    const second = new AnswerChecker('processes', scenario, references);
    second.finished(0, { value: 10 });
    second.finished(1, { value: 21 });
    const summary = second.summary();
    expect(summary.ok).toBe(false);
    expect(summary.problem).toContain('sequential');
    expect(summary.problem).toContain('21');
    expect(summary.problem).toContain('20');
    // The first model's answer stays the reference.
    expect(references.get(1)).toEqual({ digest: '20', model: 'sequential' });
  });

  it('lets a later model fill in tasks the first one never finished', () => {
    const scenario = anyNumberScenario(2);
    const references = new ReferenceAnswers(2);
    new AnswerChecker('sequential', scenario, references).finished(0, { value: 1 });
    const second = new AnswerChecker('async', scenario, references);
    second.finished(0, { value: 1 });
    second.finished(1, { value: 7 });
    expect(second.summary().ok).toBe(true);
    expect(references.get(1)).toEqual({ digest: '7', model: 'async' });
  });

  it('counts injected failures apart from unexpected ones', () => {
    const checker = new AnswerChecker('threads', squaresScenario(5, [1, 3]), new ReferenceAnswers(5));
    checker.failed(1);
    checker.failed(3);
    checker.failed(4);
    checker.finished(0, { value: 0 });
    checker.finished(2, { value: 4 });
    expect(checker.injectedFailures).toBe(2);
    expect(checker.summary().ok).toBe(true);
  });

  it('has nothing to check (ok null) when no task completed', () => {
    const checker = new AnswerChecker('gil-threads', squaresScenario(3), new ReferenceAnswers(3));
    expect(checker.summary()).toEqual({ ok: null, answer: '0 from 0 tasks' });
    checker.failed(0);
    expect(checker.summary().ok).toBeNull();
  });
});

describe('ReferenceAnswers', () => {
  it('keeps the first answer of every task with the model that gave it, whichever model that is', () => {
    const references = new ReferenceAnswers(MODEL_IDS.length);
    MODEL_IDS.forEach((model, task) => references.offer(task, `answer ${task} ✓`, model));
    MODEL_IDS.forEach((model, task) => references.offer(task, 'a later answer', MODEL_IDS[0]));
    expect(MODEL_IDS.map((_, task) => references.get(task))).toEqual(
      MODEL_IDS.map((model, task) => ({ digest: `answer ${task} ✓`, model })),
    );
  });

  it('has no answer for a task nobody answered, nor for a task outside the run', () => {
    const references = new ReferenceAnswers(2);
    references.offer(2, 'out of range', 'sequential');
    references.offer(-1, 'out of range', 'sequential');
    expect(references.get(0)).toBeUndefined();
    expect(references.get(2)).toBeUndefined();
    expect(references.get(-1)).toBeUndefined();
  });

  it('keeps an empty answer as an answer', () => {
    const references = new ReferenceAnswers(1);
    references.offer(0, '', 'threads');
    expect(references.get(0)).toEqual({ digest: '', model: 'threads' });
  });
});
