import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleRun } from './fixtures.test-support';
import { appendLog, formatLogLines } from './log';

const NOW = new Date('2026-11-21T05:36:00.000Z');

describe('formatLogLines', () => {
  it('writes one line per model, stamped, with scenario, model and wall time', () => {
    const run = sampleRun();
    const lines = formatLogLines(run, NOW);
    expect(lines).toHaveLength(run.results.length);
    run.results.forEach((model, i) => {
      const line = lines[i] ?? '';
      expect(line.startsWith('2026-11-21T05:36:00.000Z ')).toBe(true);
      expect(line).toContain('scenario=cpu-wordcount');
      expect(line).toContain(` model=${model.model} `);
      expect(line).toMatch(/ wall_s=\d+\.\d{3} /);
      expect(line).not.toContain('\n');
    });
  });

  it('reads as key=value pairs a person can grep', () => {
    const threads = formatLogLines(sampleRun(), NOW)[2];
    expect(threads).toBe(
      '2026-11-21T05:36:00.000Z scenario=cpu-wordcount model=threads state=done wall_s=0.262 startup_s=0.038 tasks=6/6 ' +
        'failed=0 throughput=22.94 speedup=2.30 p95_ms=255.6 cpu=97% rss_mb=88 check=ok params=tasks:6,task-ms:100 run=run-7f3a',
    );
  });

  it('says when a check failed or a value is missing', () => {
    const lines = formatLogLines(sampleRun({ wrongAnswer: true, cancelled: true }), NOW);
    expect(lines[2]).toContain('check=wrong');
    expect(lines[2]).toContain('tasks=5/6 failed=1');
    expect(lines[4]).toContain('state=cancelled');
    expect(lines[4]).toContain('cpu=-');
    expect(lines[4]).toContain('check=none');
  });
});

describe('appendLog', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('creates the folder and appends each run after the previous one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reporters-log-'));
    dirs.push(dir);
    const path = join(dir, 'logs', 'nested', 'concurrency_results.log');
    await appendLog(path, ['first a', 'first b']);
    await appendLog(path, ['second']);
    expect(await readFile(path, 'utf8')).toBe('first a\nfirst b\nsecond\n');
  });
});
