import { describe, expect, it } from 'vitest';
import { GeneratedTasks } from './generated-tasks';

const sleeps = new GeneratedTasks(5, (token) => ({ workload: 'sleep', input: { ms: 1, token } }));
const asArray = Array.from({ length: 5 }, (_, token) => ({ workload: 'sleep', input: { ms: 1, token } }));

describe('GeneratedTasks', () => {
  it('reads as the array of the same tasks would, by index and in slices', () => {
    expect(sleeps).toHaveLength(5);
    for (let i = 0; i < 5; i++) expect(sleeps.at(i)).toEqual(asArray.at(i));
    expect(sleeps.slice()).toEqual(asArray);
    expect(sleeps.slice(1, 3)).toEqual(asArray.slice(1, 3));
    expect(sleeps.slice(3, 99)).toEqual(asArray.slice(3, 99));
    expect(sleeps.slice(4, 2)).toEqual([]);
  });

  it('has no task outside 0 to length - 1', () => {
    for (const index of [-1, 5, 1.5, Number.NaN]) expect(sleeps.at(index)).toBeUndefined();
  });

  it('makes a task only when asked, so a list of 100,000 holds none of them', () => {
    let made = 0;
    const tasks = new GeneratedTasks(100_000, (token) => {
      made++;
      return { workload: 'sleep', input: { ms: 1, token } };
    });
    expect(made).toBe(0);
    expect(tasks.slice(99_998)).toHaveLength(2);
    expect(made).toBe(2);
  });
});
