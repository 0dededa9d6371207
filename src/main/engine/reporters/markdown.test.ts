import { describe, expect, it } from 'vitest';
import type { ModelResult, RunResult } from '../../../shared/results';
import { sampleRun } from './fixtures.test-support';
import { formatMarkdown, markdownCell } from './markdown';

/** Cells of a GFM table row, honouring escaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.trim());
}

function withModel(
  run: RunResult,
  model: ModelResult['model'],
  change: (m: ModelResult) => ModelResult,
): RunResult {
  return { ...run, results: run.results.map((m) => (m.model === model ? change(m) : m)) };
}

describe('formatMarkdown', () => {
  it('starts with the title as a heading, then the settings and the machine', () => {
    const lines = formatMarkdown(sampleRun()).split('\n');
    expect(lines[0]).toBe('## 10 files, word counts (CPU)');
    expect(lines[2]).toContain('tasks=6, task-ms=100');
    expect(lines[2]).toContain('2 cores, Node v20.20.2');
  });

  it('has the seven comparison columns, numbers right-aligned, one row per model', () => {
    const run = sampleRun();
    const lines = formatMarkdown(run).split('\n');
    const header = lines.findIndex((line) => line.startsWith('| Model |'));
    expect(cells(lines[header] ?? '')).toEqual([
      'Model',
      'Total time (s)',
      'Speedup',
      'Throughput (tasks/s)',
      'p95 latency (ms)',
      'CPU util',
      'Notes',
    ]);
    expect(lines[header + 1]).toBe('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    const rows = lines.slice(header + 2, header + 2 + run.results.length);
    expect(rows.map((row) => cells(row)[0]?.replaceAll('**', ''))).toEqual(run.results.map((m) => m.model));
  });

  it('puts the fastest row in bold', () => {
    const text = formatMarkdown(sampleRun());
    expect(text).toContain('| **threads** | **0.262** |');
    expect(text).toContain('Fastest: **threads**.');
  });

  it('escapes pipes so a note cannot break the table', () => {
    const run = withModel(sampleRun(), 'async', (m) => ({ ...m, notes: ['a | b'] }));
    const row = formatMarkdown(run)
      .split('\n')
      .find((line) => line.startsWith('| async'));
    expect(row).toContain('a \\| b');
    expect(cells(row ?? '')).toHaveLength(7);
    expect(markdownCell('x|y\nz')).toBe('x\\|y z');
  });

  it('adds a GIL table for gil-threads with each lane by its label', () => {
    const text = formatMarkdown(sampleRun());
    expect(text).toContain('### GIL: gil-threads (switch interval 5 ms)');
    expect(text).toContain('| Lane | Hold (ms) | Wait (ms) | Switches |');
    expect(text).toContain('| thread 1 | 98.0 | 480.0 | 19 |');
    expect(text).toContain('| **all lanes** | **603.0** | **2835.0** | **129** |');
    expect(text.match(/### GIL/g)).toHaveLength(1);
  });

  it('lists failures only when there are some, at most five per model', () => {
    expect(formatMarkdown(sampleRun())).not.toContain('### Failures');
    const text = formatMarkdown(sampleRun({ wrongAnswer: true }));
    expect(text).toContain('### Failures');
    expect(text).toContain('- **threads**: 1 failed of 6');
    expect(text).toContain('  - task 3: Error: bad input, got "NaN" words');

    const many = withModel(sampleRun(), 'processes', (m) => ({
      ...m,
      failed: 8,
      failures: Array.from({ length: 8 }, (_, task) => ({ task, message: `boom ${task}` })),
    }));
    const listed = formatMarkdown(many);
    expect(listed.match(/ {2}- task \d+: boom/g)).toHaveLength(5);
    expect(listed).toContain('  - … and 3 more');
  });

  it('names the fastest clean model and says which models are not ranked and why', () => {
    const text = formatMarkdown(sampleRun({ lostTasks: true }));
    expect(text).toContain('Fastest: **threads**.');
    expect(text).toContain('Not ranked: processes failed 4 of 6 tasks.');
  });

  it('says when results are partial', () => {
    expect(formatMarkdown(sampleRun({ cancelled: true }))).toContain('_Cancelled: partial results._');
  });
});

describe('formatMarkdown: verdict and the busy machine', () => {
  const busyLoad = {
    windows: [
      { during: 'before', otherCpuPercent: 2, ms: 1000 },
      { during: 'threads', otherCpuPercent: 93, ms: 300 },
    ],
  };

  it('has the verdict and the other processes’ load, and no notice on a quiet machine', () => {
    const text = formatMarkdown({
      ...sampleRun(),
      load: { windows: [{ during: 'threads', otherCpuPercent: 3, ms: 300 }] },
    });
    expect(text).toMatch(/\n\*\*Verdict:\*\* threads ran [\d.]+× faster than sequential: /);
    expect(text).toContain(
      '_other processes: 3.0% of the CPU at most (while threads ran); the machine counts as busy when',
    );
    expect(text).not.toContain('The machine was busy');
  });

  it('opens with the busy-machine notice when the machine was busy, before the table', () => {
    const text = formatMarkdown({ ...sampleRun(), load: busyLoad });
    const notice = text.indexOf(
      '> **The machine was busy: these numbers are unreliable. Other processes used 93% of its CPU while threads ran; the lab calls a machine busy above 20%.**',
    );
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(text.indexOf('| Model |'));
    expect(text).toContain('**Verdict:** ');
  });
});
