import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleTask } from './probe-tasks';

const dir = mkdtempSync(join(tmpdir(), 'lab-sample-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a sample of a task', () => {
  it('takes a sub-range of a range, its share the share of the numbers', async () => {
    const sample = await sampleTask({ workload: 'count-primes', input: { start: 1000, end: 2000 } }, 0.1);
    expect(sample).toMatchObject({
      task: { workload: 'count-primes', input: { start: 1000, end: 1100 } },
      share: 0.1,
    });
  });

  it('shrinks images by area and matrices by volume, never below a workable size', async () => {
    const image = await sampleTask(
      { workload: 'process-image', input: { seed: 1, size: 512, radius: 4 } },
      1 / 16,
    );
    expect(image!.task.input).toEqual({ seed: 1, size: 128, radius: 4 });
    expect(image!.share).toBeCloseTo(1 / 16);
    const matrix = await sampleTask({ workload: 'invert-matrix', input: { seed: 3, n: 200 } }, 1 / 8);
    expect(matrix!.task.input).toEqual({ seed: 3, n: 100 });
    expect(matrix!.share).toBeCloseTo(1 / 8);
    const tiny = await sampleTask({ workload: 'invert-matrix', input: { seed: 3, n: 4 } }, 1e-6);
    expect(tiny!.task.input).toEqual({ seed: 3, n: 2 });
    expect(tiny!.share).toBeCloseTo(1 / 8);
  });

  it('counts words in the start of a file, cut at a space, and removes the copy', async () => {
    const path = join(dir, 'words.txt');
    writeFileSync(path, 'alpha beta gamma delta '.repeat(100));
    const sample = await sampleTask({ workload: 'count-words', input: { path } }, 0.1);
    const copy = (sample!.task.input as { path: string }).path;
    const text = readFileSync(copy, 'utf8');
    expect(text.endsWith(' ') || text.length === 0).toBe(false);
    expect(text.split(' ').every((word) => ['alpha', 'beta', 'gamma', 'delta'].includes(word))).toBe(true);
    expect(sample!.share).toBeCloseTo(text.length / 2300, 5);
    await sample!.dispose();
    expect(existsSync(copy)).toBe(false);
  });

  it('has none for work that waits: it takes as long in any runtime', async () => {
    expect(await sampleTask({ workload: 'sleep', input: { ms: 100, token: 0 } }, 0.5)).toBeNull();
    expect(await sampleTask({ workload: 'http-get', input: {} }, 0.5)).toBeNull();
  });
});
