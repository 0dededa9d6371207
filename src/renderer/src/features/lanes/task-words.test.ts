import { describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../../../shared/timeline';
import { formatAt, moreTasks, taskFacts, taskTitle } from './task-words';

const task: TaskDetail = {
  task: 12,
  model: 'gil-threads',
  lane: 2,
  laneLabel: 'thread 3',
  state: 'done',
  queuedAt: 0,
  startedAt: 1204,
  endedAt: 1708.4,
  text: '{ count: 9592 }',
};

describe('task words', () => {
  it('names the task, its model and lane', () => {
    expect(taskTitle(task)).toBe('Task 12 · gil-threads · thread 3');
  });

  it('gives start, end, duration, queue wait and output', () => {
    expect(taskFacts(task, true)).toEqual([
      { label: 'State', value: 'done' },
      { label: 'Started', value: '1.204 s' },
      { label: 'Ended', value: '1.708 s' },
      { label: 'Duration', value: '504 ms' },
      { label: 'Queue wait', value: '1.20 s' },
      { label: 'Output', value: '{ count: 9592 }' },
    ]);
  });

  it('shows a failed task’s error as an alarm, and says when outputs were not kept', () => {
    expect(taskFacts({ ...task, state: 'failed', text: 'HTTP 500' }, true).at(-1)).toEqual({
      label: 'Error',
      value: 'HTTP 500',
      alarm: true,
    });
    expect(taskFacts({ ...task, text: null }, false).at(-1)?.value).toMatch(/not kept/);
  });

  it('says a running task is still running', () => {
    const facts = taskFacts({ ...task, state: 'running', endedAt: null, text: null }, true);
    expect(facts.find((f) => f.label === 'Ended')?.value).toBe('still running');
    expect(facts.some((f) => f.label === 'Output')).toBe(false);
  });

  it('writes times to the microsecond at most', () => {
    expect(formatAt(0.0125)).toBe('0.013 ms');
    expect(formatAt(250.25)).toBe('250.3 ms');
    expect(formatAt(12_345.678)).toBe('12.346 s');
    expect(moreTasks(4, 1)).toMatch(/^3 more tasks here/);
    expect(moreTasks(1, 1)).toBeNull();
  });
});
