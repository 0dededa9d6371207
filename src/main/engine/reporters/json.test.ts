import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../shared/results';
import { sampleRun } from './fixtures.test-support';
import { formatJson, toJsonReport } from './json';

const RUN_KEYS = [
  'scenario',
  'title',
  'state',
  'params',
  'derived',
  'pool',
  'machine',
  'startedAt',
  'results',
];
const MODEL_KEYS = [
  'model',
  'state',
  'placement',
  'workers',
  'wallMs',
  'startupMs',
  'total',
  'completed',
  'failed',
  'throughput',
  'speedup',
  'latencyMs',
  'queueWaitMs',
  'cpuUtilization',
  'peakRssMb',
  'check',
  'failures',
  'lanes',
  'notes',
];

describe('toJsonReport', () => {
  it('has every required key for the run and each model', () => {
    const report = toJsonReport(sampleRun());
    for (const key of RUN_KEYS) expect(report).toHaveProperty(key);
    expect(report.machine).toMatchObject({ cores: 2, node: 'v20.20.2' });
    expect(report.results.map((r) => r.model)).toEqual([
      'sequential',
      'async',
      'threads',
      'gil-threads',
      'processes',
    ]);
    for (const result of report.results) {
      for (const key of MODEL_KEYS) expect(result).toHaveProperty(key);
      expect(Object.keys(result.latencyMs).sort()).toEqual(['max', 'p50', 'p95']);
    }
  });

  it('says which model is fastest and, for each model, whether it is ranked and why not', () => {
    const report = toJsonReport(sampleRun({ lostTasks: true }));
    expect(report.fastest).toBe('threads');
    const processes = report.results.find((m) => m.model === 'processes');
    expect(processes).toMatchObject({
      state: 'failed',
      speedup: null,
      ranked: false,
      notRankedBecause: 'failed 4 of 6 tasks',
    });
    expect(report.results.find((m) => m.model === 'threads')?.ranked).toBe(true);
  });

  it('includes gil only for gil-threads', () => {
    const report = toJsonReport(sampleRun());
    expect(report.results.filter((r) => r.gil).map((r) => r.model)).toEqual(['gil-threads']);
    expect('gil' in (report.results[0] ?? {})).toBe(false);
  });

  it('includes each task of the timeline by default, relative to the model start', () => {
    const run = sampleRun();
    const report = toJsonReport(run);
    const sequential = report.results[0];
    expect(sequential?.timeline).toHaveLength(run.results[0]?.timeline.length ?? -1);
    expect(sequential?.timeline?.[1]).toEqual({
      task: 1,
      lane: 0,
      queuedAt: 0,
      startedAt: 100,
      endedAt: 200,
      ok: true,
    });
  });

  it('leaves the timeline out when asked', () => {
    const report = toJsonReport(sampleRun(), { timeline: false });
    for (const result of report.results) expect(result).not.toHaveProperty('timeline');
    expect(formatJson(sampleRun(), { timeline: false })).not.toContain('"timeline"');
  });

  it('rounds floats to 3 decimals', () => {
    const base = sampleRun();
    const run: RunResult = {
      ...base,
      results: base.results.map((m, i) =>
        i === 0 ? { ...m, wallMs: 601.123456, cpuUtilization: 0.49999, throughput: 1 / 3 } : m,
      ),
    };
    const first = toJsonReport(run).results[0];
    expect(first?.wallMs).toBe(601.123);
    expect(first?.cpuUtilization).toBe(0.5);
    expect(first?.throughput).toBe(0.333);
    expect(toJsonReport(base).results[2]?.latencyMs.p95).toBe(255.625);
  });

  it('formats as 2-space indented JSON that parses back to the report', () => {
    const run = sampleRun({ wrongAnswer: true });
    const text = formatJson(run);
    expect(text).toMatch(/^\{\n {2}"runId"/);
    expect(JSON.parse(text)).toEqual(toJsonReport(run));
  });
});

describe('toJsonReport: verdict and machine load', () => {
  it('carries the verdict, the load windows and what the busy-machine rule made of them', () => {
    const quiet = toJsonReport(sampleRun());
    expect(quiet.verdict).toMatch(/^threads ran/);
    expect(quiet.machineLoad).toMatchObject({ windows: [], busy: false, notice: null });
    const busy = toJsonReport({
      ...sampleRun(),
      load: { windows: [{ during: 'before', otherCpuPercent: 95.12345, ms: 1000 }] },
    });
    expect(busy.machineLoad.busy).toBe(true);
    expect(busy.machineLoad.windows[0]!.otherCpuPercent).toBe(95.123);
    expect(busy.verdict.startsWith('The machine was busy: these numbers are unreliable.')).toBe(true);
  });
});
