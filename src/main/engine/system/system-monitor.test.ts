import { describe, expect, it } from 'vitest';
import type { SystemStats } from '../../../shared/views';
import { startSystemMonitor } from './system-monitor';

function collect(intervalMs: number, during: () => void): Promise<SystemStats[]> {
  const samples: SystemStats[] = [];
  const stop = startSystemMonitor((stats) => samples.push(stats), intervalMs);
  during();
  return new Promise((resolve) =>
    setTimeout(
      () => {
        stop();
        resolve(samples);
      },
      intervalMs * 3 + 50,
    ),
  );
}

describe('the system monitor', () => {
  it('reads an idle event loop as (nearly) no delay, not as its 10 ms sampling period', async () => {
    const samples = await collect(300, () => undefined);
    expect(samples.length).toBeGreaterThan(1);
    for (const sample of samples) expect(sample.eventLoopDelay.p50).toBeLessThan(5);
  });

  it('reads a 200 ms block of the main thread as a delay of about 200 ms', async () => {
    const samples = await collect(400, () => {
      setTimeout(() => {
        const until = performance.now() + 200;
        while (performance.now() < until) {
          /* block the loop */
        }
      }, 50);
    });
    const worst = Math.max(...samples.map((s) => s.eventLoopDelay.max));
    expect(worst).toBeGreaterThanOrEqual(180);
    expect(worst).toBeLessThan(400);
  });
});
