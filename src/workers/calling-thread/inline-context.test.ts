import { describe, expect, it } from 'vitest';
import { CancelledError } from '../workloads/workload-context';
import { createInlineContext } from './inline-context';

/** Spins for `ms` of CPU between checkpoints until it has yielded `slices` times, logging each yield and resume. */
async function busyTask(
  id: number,
  slices: number,
  ctx: ReturnType<typeof createInlineContext>,
  log: string[],
): Promise<void> {
  for (let yielded = 0; yielded < slices;) {
    const until = performance.now() + 1;
    while (performance.now() < until) {
      /* compute */
    }
    const turn = ctx.checkpoint();
    if (!turn) continue;
    yielded++;
    log.push(`yield ${id}`);
    await turn;
    log.push(`resume ${id}`);
  }
}

describe('createInlineContext', () => {
  it('lets the event loop turn between any two slices of work, however many tasks are waiting', async () => {
    const ctx = createInlineContext({ signal: new AbortController().signal, yieldEveryMs: 5 });
    const log: string[] = [];
    let ticking = true;
    const tick = (): void => {
      log.push('tick');
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await Promise.all(Array.from({ length: 6 }, (_, id) => busyTask(id, 3, ctx, log)));
    ticking = false;
    expect(log.filter((entry) => entry.startsWith('resume'))).toHaveLength(18);
    // A timer that fell due during a slice runs before any task computes again: the loop turned.
    // (The first slice may start from an I/O callback, whose setImmediate needs no new turn.)
    const firstResume = log.findIndex((entry) => entry.startsWith('resume'));
    log.forEach((entry, index) => {
      if (!entry.startsWith('yield') || index < firstResume) return;
      const next = log.findIndex((later, at) => at > index && later.startsWith('resume'));
      if (next >= 0) expect(log.slice(index, next), `after ${entry} at ${index}`).toContain('tick');
    });
  });

  it('stops every waiting task at once when cancelled', async () => {
    const controller = new AbortController();
    const ctx = createInlineContext({ signal: controller.signal, yieldEveryMs: 5 });
    const log: string[] = [];
    const tasks = Array.from({ length: 6 }, (_, id) => busyTask(id, 1000, ctx, log));
    setTimeout(() => controller.abort(), 20);
    const outcomes = await Promise.allSettled(tasks);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(CancelledError);
    }
  });
});
