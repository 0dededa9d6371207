import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../shared/results';
import { sampleRun } from './fixtures.test-support';
import { COMPARISON_COLUMNS, fastestModel, formatTable } from './table';

const ESC = '\u001b';
const HEADERS = [
  'Model',
  'Total time (s)',
  'Speedup',
  'Throughput (tasks/s)',
  'p95 latency (ms)',
  'CPU util',
  'Notes',
];

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

function headerRow(text: string): string {
  const row = lines(text).find((line) => line.startsWith('Model'));
  if (!row) throw new Error('no header row');
  return row;
}

function modelRows(text: string, run: RunResult): string[] {
  return lines(text).filter((line) => run.results.some((m) => line.startsWith(m.model)));
}

describe('formatTable', () => {
  it('has exactly the comparison columns, in order, with a rule line under them', () => {
    const text = formatTable(sampleRun());
    const header = headerRow(text);
    expect(header.split(/ {2,}/)).toEqual(HEADERS);
    expect(COMPARISON_COLUMNS).toEqual(HEADERS);
    const all = lines(text);
    expect(all[all.indexOf(header) + 1]).toMatch(/^-+( {2}-+){6}$/);
  });

  it('opens with the scenario, its knobs as CLI flags, the derived values and the machine', () => {
    const first = lines(formatTable(sampleRun()))[0];
    expect(first).toBe(
      'cpu-wordcount: 10 files, word counts (CPU) — tasks=6, task-ms=100 (calibrated: wordsPerFile=123456) — 2 cores, Node v20.20.2',
    );
  });

  it('lists every model exactly once', () => {
    const run = sampleRun();
    const rows = modelRows(formatTable(run), run);
    for (const model of run.results) {
      expect(rows.filter((row) => row.split(/\s/)[0]?.replace('*', '') === model.model)).toHaveLength(1);
    }
    expect(rows).toHaveLength(5);
  });

  it('right-aligns numbers under their headers', () => {
    const run = sampleRun();
    const text = formatTable(run);
    const header = headerRow(text);
    const totalEnd = header.indexOf('Total time (s)') + 'Total time (s)'.length;
    for (const row of modelRows(text, run)) expect(row.slice(totalEnd - 5, totalEnd)).toMatch(/^\d\.\d{3}$/);
  });

  it('marks the fastest finished model with * and a footnote', () => {
    const text = formatTable(sampleRun());
    const marked = lines(text).filter((line) => /^\S+\*/.test(line));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(/^threads\* /);
    expect(lines(text)).toContain('* fastest');
  });

  it('never makes a wrong answer fastest, and marks it visibly', () => {
    const run = sampleRun({ wrongAnswer: true });
    const text = formatTable(run);
    const threads = lines(text).find((line) => line.startsWith('threads'));
    expect(threads).toMatch(/^threads \(wrong answer\) /);
    expect(threads).toContain('wrong answer: "61,727 words"');
    expect(fastestModel(run)?.model).toBe('processes');
    expect(lines(text).find((line) => /^\S+\*/.test(line))).toMatch(/^processes\*/);
  });

  it('never makes a model that lost tasks fastest or gives it a speedup, however short its time', () => {
    const run = sampleRun({ lostTasks: true });
    const processes = lines(formatTable(run)).find((line) => line.startsWith('processes'));
    expect(processes).toMatch(/^processes \(failed\) /);
    expect(processes?.split(/ {2,}/)[2]).toBe('-');
    expect(processes).toContain('4 tasks failed');
    expect(fastestModel(run)?.model).toBe('threads');
  });

  it('ends a cancelled run with a partial-results line and does not crown the cancelled model', () => {
    const run = sampleRun({ cancelled: true });
    const all = lines(formatTable(run));
    expect(all[all.length - 1]).toBe('Cancelled: partial results.');
    expect(all.find((line) => line.startsWith('processes'))).toMatch(/^processes \(cancelled\) /);
    expect(fastestModel(run)?.model).toBe('threads');
  });

  it('shows - for a missing speedup or CPU measurement', () => {
    const base = sampleRun();
    const run: RunResult = {
      ...base,
      results: base.results.map((m) =>
        m.model === 'async' ? { ...m, speedup: null, cpuUtilization: null } : m,
      ),
    };
    const row = lines(formatTable(run)).find((line) => line.startsWith('async'));
    expect(row?.split(/ {2,}/).slice(2, 6)).toEqual(['-', '9.89', '601.8', '-']);
  });

  it('marks nothing fastest when only one model ran', () => {
    const base = sampleRun();
    const text = formatTable({ ...base, results: base.results.slice(0, 1) });
    expect(text).not.toContain('*');
  });

  it('adds colour only when asked, without changing the text', () => {
    const plain = formatTable(sampleRun({ wrongAnswer: true }));
    const colored = formatTable(sampleRun({ wrongAnswer: true }), { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[1mModel');
    expect(colored).toContain('\u001b[32mprocesses*');
    expect(colored).toContain('\u001b[31mthreads (wrong answer)');
    const ansi = new RegExp(`${ESC}\\[\\d+m`, 'g');
    expect(colored.replace(ansi, '')).toBe(plain);
  });
});

describe('formatTable: the busy machine', () => {
  it('ends with the busy-machine notice when the machine was busy', () => {
    const text = formatTable({
      ...sampleRun(),
      load: { windows: [{ during: 'before', otherCpuPercent: 94, ms: 1000 }] },
    });
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'The machine was busy: these numbers are unreliable. Other processes used 94% of its CPU in the second before the run; the lab calls a machine busy above 20%.',
    );
    expect(formatTable(sampleRun())).not.toContain('busy');
  });
});
