import { describe, expect, it } from 'vitest';
import { RequestBudget } from './request-budget';

const limits = { perSecond: 10, burst: 3, inFlight: 2, closeAfterRefusals: 5 };

describe('RequestBudget', () => {
  it('accepts a burst, then refuses until time refills it, naming the limit', () => {
    let now = 0;
    const budget = new RequestBudget({ ...limits, inFlight: 100 }, () => now);
    expect([budget.take(), budget.take(), budget.take()].map((v) => v.kind)).toEqual([
      'accept',
      'accept',
      'accept',
    ]);
    expect(budget.take()).toEqual({
      kind: 'refuse',
      message: expect.stringMatching(/at most 10 a second, 3 at once/),
    });
    now += 100;
    expect(budget.take().kind).toBe('accept');
  });

  it('refuses more requests in flight than allowed until replies are sent', () => {
    const budget = new RequestBudget(limits, () => 0);
    budget.take();
    budget.take();
    expect(budget.take()).toMatchObject({
      kind: 'refuse',
      message: expect.stringMatching(/awaiting a reply \(at most 2\)/),
    });
    budget.settled();
    expect(budget.take().kind).toBe('accept');
  });

  it('closes a window that keeps flooding', () => {
    const budget = new RequestBudget({ ...limits, inFlight: 100 }, () => 0);
    const verdicts = Array.from({ length: 8 }, () => budget.take().kind);
    expect(verdicts).toEqual(['accept', 'accept', 'accept', 'refuse', 'refuse', 'refuse', 'refuse', 'close']);
  });
});
