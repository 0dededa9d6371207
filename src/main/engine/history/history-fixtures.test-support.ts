/** Runs for the history tests: the reporters' realistic sample run under other ids, and a 100,000-task one. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunView } from '../../../shared/views';
import type { ModelResult, ModelSnapshot, RunResult, TaskRecord } from '../../../shared/results';
import { sampleRun } from '../reporters/fixtures.test-support';
import { runView } from '../run/run-views';
import { TaskTimeline } from '../../../shared/task-timeline';

/** A run with what the store keeps of it. */
export interface StoredRun {
  readonly result: RunResult;
  readonly view: RunView;
}

/** Each model's final snapshot, as the live view last showed it. */
export function finalSnapshots(result: RunResult): ModelSnapshot[] {
  return result.results.map((model) => ({
    model: model.model,
    state: model.state,
    total: model.total,
    completed: model.completed,
    failed: model.failed,
    running: 0,
    elapsedMs: model.wallMs,
    etaMs: null,
    startupMs: model.startupMs,
    throughput: [[model.wallMs / 1000, model.throughput]],
    lanes: [...model.lanes].slice(0, 8).map((lane) => ({
      ...lane,
      // The recorder merges busy stretches once tasks outnumber pixels: a snapshot stays small.
      intervals: [...model.timeline]
        .filter((record) => record.lane === lane.index)
        .slice(0, 100)
        .map((record) => ({ start: record.startedAt, end: record.endedAt, failed: !record.ok })),
      runningSince: null,
    })),
    hiddenLanes: Math.max(0, model.lanes.length - 8),
  }));
}

/** A stored run built from a result. */
export function storedRun(result: RunResult): StoredRun {
  return { result, view: runView(result, finalSnapshots(result)) };
}

/** The sample cpu-wordcount run, under its own id and start time (minutes after a fixed epoch). */
export function sampleStoredRun(
  runId: string,
  minute: number,
  overrides: Partial<Pick<RunResult, 'scenario' | 'params' | 'pool' | 'origin' | 'load'>> = {},
): StoredRun {
  const base = sampleRun();
  const startedAt = new Date(Date.UTC(2025, 10, 21, 9, 0) + minute * 60_000).toISOString();
  return storedRun({ ...base, ...overrides, runId, startedAt });
}

/** A timeline of `tasks` tasks spread over `lanes` lanes, with times as the recorder stamps them (full doubles). */
export function syntheticTimeline(tasks: number, lanes: number, seed: number): TaskRecord[] {
  let state = seed;
  // A fixed linear congruential generator: the same bytes on every run, no wall-clock dependence.
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const laneFree = new Array<number>(lanes).fill(0);
  return Array.from({ length: tasks }, (_, task) => {
    const lane = task % lanes;
    const queuedAt = random() * 0.05;
    const startedAt = (laneFree[lane] ?? 0) + random() * 0.01;
    const endedAt = startedAt + 0.2 + random() * 0.05;
    laneFree[lane] = endedAt;
    return { task, lane, queuedAt, startedAt, endedAt, ok: true };
  });
}

/** The sample run with 100,000 tasks under every model (or `tasks`). */
export function bigStoredRun(runId: string, tasks = 100_000): StoredRun {
  const base = sampleRun();
  const results = base.results.map((model, index): ModelResult => ({
    ...model,
    total: tasks,
    completed: tasks,
    timeline: TaskTimeline.of(syntheticTimeline(tasks, model.lanes.length, index + 1)),
  }));
  return storedRun({ ...base, runId, params: { ...base.params, tasks }, results });
}

/** Above Linux's largest pid_max (2^22): no process on this machine has it. */
export const DEAD_PID = 4_194_305;

/**
 * What a crash does to a lock: its holder is gone. A test "crashes" a store by leaving a promise
 * pending in this very process, so its lock is handed to a dead process to look as a real crash's does.
 */
export async function abandonLock(file: string): Promise<void> {
  const owner = { token: 'crashed', pid: DEAD_PID, host: hostname(), since: new Date().toISOString() };
  await writeFile(`${file}.lock`, JSON.stringify(owner));
}

/** A fresh temp folder, and a function that deletes it. */
export async function tempFolder(): Promise<{ readonly dir: string; readonly cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'run-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
