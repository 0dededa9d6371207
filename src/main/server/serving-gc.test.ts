import { spawnSync } from 'node:child_process';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { MinorCollections, SERVING_GC_FLAGS } from './serving-gc';

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
async function minorCollectionsDuring(during: () => Promise<void>): Promise<number> {
  const seen: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  try {
    await during();
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
  it('collects every interval while the lab is busy, and stops once it has been idle a while', async () => {
    const collections = new MinorCollections(20, 150);
    try {
      // Busy for 300 ms (a run reporting progress every 50 ms): about 15 collections.
      const busy = await minorCollectionsDuring(async () => {
        for (let i = 0; i < 6; i++) {
          collections.busy();
          await sleep(50);
        }
      });
      expect(busy).toBeGreaterThanOrEqual(5);
      expect(collections.collecting).toBe(true);
      // Idle: it stops by itself, and collects nothing more.
      await sleep(250);
      expect(collections.collecting).toBe(false);
      const idle = await minorCollectionsDuring(() => sleep(200));
      expect(idle).toBeLessThan(2);
    } finally {
      collections.stop();
    }
  });

  it('never starts a second timer however often it is told the lab is busy', async () => {
    let collected = 0;
    const collections = new MinorCollections(30, 1_000, () => collected++);
    try {
      for (let i = 0; i < 100; i++) collections.busy();
      await sleep(100);
      // One timer: about three collections in 100 ms, not 300.
      expect(collected).toBeGreaterThanOrEqual(1);
      expect(collected).toBeLessThanOrEqual(5);
    } finally {
      collections.stop();
    }
  });
});
