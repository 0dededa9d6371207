/** The results log: one grep-able key=value line per model, appended to logs/concurrency_results.log after each run. */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ModelResult, RunResult } from '../../../shared/results';
import { reportSeconds, reportShare, reportThroughput } from '../../../shared/format';
import { paramEntries } from './table';

function checkWord(model: ModelResult): string {
  if (model.check.ok === null) return 'none';
  return model.check.ok ? 'ok' : 'wrong';
}

function logLine(run: RunResult, model: ModelResult, params: string, timestamp: string): string {
  const fields: [string, string | number][] = [
    ['scenario', run.scenario],
    ['model', model.model],
    ['state', model.state],
    ['wall_s', reportSeconds(model.wallMs)],
    ['startup_s', reportSeconds(model.startupMs)],
    ['tasks', `${model.completed}/${model.total}`],
    ['failed', model.failed],
    ['throughput', reportThroughput(model.throughput)],
    ['speedup', model.speedup === null ? '-' : model.speedup.toFixed(2)],
    ['p95_ms', model.latencyMs.p95.toFixed(1)],
    ['cpu', reportShare(model.cpuUtilization)],
    ['rss_mb', Math.round(model.peakRssMb)],
    ['check', checkWord(model)],
    ['params', params],
    ['run', run.runId],
  ];
  // Values are ids, numbers and flag lists: no spaces, so `key=value` splits on whitespace.
  return [timestamp, ...fields.map(([key, value]) => `${key}=${String(value).replace(/\s+/g, '_')}`)].join(
    ' ',
  );
}

/** One line per model describing a run, stamped with `now`. */
export function formatLogLines(run: RunResult, now: Date = new Date()): string[] {
  const params = paramEntries(run)
    .map(([flag, value]) => `${flag}:${value}`)
    .join(',');
  const timestamp = now.toISOString();
  return run.results.map((model) => logLine(run, model, params, timestamp));
}

/** Appends lines to a log file in one write, creating its folder first, so one run's lines stay together. */
export async function appendLog(path: string, lines: readonly string[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  if (lines.length === 0) return;
  await appendFile(path, lines.map((line) => `${line}\n`).join(''), 'utf8');
}
