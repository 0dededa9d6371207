import { spawnSync } from 'node:child_process';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MinorCollections, minorCollector, SERVING_GC_FLAGS } from './serving-gc';

/** Background scavenging work per scavenge, from V8's own GC trace, in a Node that set `flags` after start. */
function backgroundScavengeMs(flags: string | null): number[] {
  const script = `
    ${flags ? `require('node:v8').setFlagsFromString(${JSON.stringify(flags)});` : ''}
    const kept = [];
    for (let i = 0; i < 2e6; i++) { const o = { i, list: [i] }; if (i % 10 === 0) kept.push(o); }
  `;
  const run = spawnSync(process.execPath, ['--trace-gc-nvp', '-e', script], { encoding: 'utf8' });
  return [...run.stdout.matchAll(/gc=s .*?background\.scavenge\.parallel=([\d.]+)/g)].map((m) =>
    Number(m[1]),
  );
}

describe('the serving process collects garbage on its own thread', () => {
  it('has no helper-thread scavenging once its flags are set at run time (and has it without them)', () => {
    const withHelpers = backgroundScavengeMs(null);
    const own = backgroundScavengeMs(SERVING_GC_FLAGS);
    expect(withHelpers.length).toBeGreaterThan(3);
    expect(withHelpers.some((ms) => ms > 0)).toBe(true);
    expect(own.length).toBeGreaterThan(3);
    expect(own.every((ms) => ms === 0)).toBe(true);
  });
});

/** Young-generation collections V8 reports while `during` runs. */
async function minorCollectionsDuring(during: () => void): Promise<number> {
  const seen: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  try {
    during();
    // Entries are delivered after the turn they happened in.
    await sleep(20);
  } finally {
    observer.disconnect();
  }
  return seen.filter(
    (entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR,
  ).length;
}

describe('young-generation collections in small doses', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes V8 collect its young generation when asked', async () => {
    const collect = minorCollector();
    expect(await minorCollectionsDuring(() => collect())).toBeGreaterThanOrEqual(1);
  });

  it('collects every interval while the lab is busy, and stops once it has been idle a while', () => {
    vi.useFakeTimers();
    const clock = { ms: 0 };
    let collected = 0;
    const collections = new MinorCollections(
      20,
      150,
      () => collected++,
      () => clock.ms,
    );
    const pass = (ms: number): void => {
      for (let i = 0; i < ms; i++) {
        clock.ms++;
        vi.advanceTimersByTime(1);
      }
    };
    // Busy for 300 ms (a run reporting progress every 50 ms): one collection every 20 ms.
    for (let i = 0; i < 6; i++) {
      collections.busy();
      pass(50);
    }
    expect(collected).toBe(15);
    expect(collections.collecting).toBe(true);
    // Idle: it goes on until 150 ms have passed since the last progress, then stops by itself.
    pass(100);
    expect(collections.collecting).toBe(true);
    pass(100);
    expect(collections.collecting).toBe(false);
    const atStop = collected;
    pass(1_000);
    expect(collected).toBe(atStop);
    expect(vi.getTimerCount()).toBe(0);
    // Busy again: it starts again.
    collections.busy();
    pass(40);
    expect(collected).toBe(atStop + 2);
    collections.stop();
  });

  it('never starts a second timer however often it is told the lab is busy', () => {
    vi.useFakeTimers();
    let collected = 0;
    const collections = new MinorCollections(
      30,
      1_000,
      () => collected++,
      () => 0,
    );
    for (let i = 0; i < 100; i++) collections.busy();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(90);
    expect(collected).toBe(3);
    collections.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
