import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SERVING_GC_FLAGS } from './serving-gc';

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
