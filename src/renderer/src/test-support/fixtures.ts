/** Catalogue, snapshots and results for tests and the fake API: realistic, small, and deterministic. */
import type { Catalog, LessonListItem, ModelSummary, RunView } from '../../../shared/views';
import type { EngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { LessonRun } from '../../../shared/lessons/registry';
import { POOL_KNOBS } from '../../../shared/knobs';
import { MODEL_IDS, MODELS, modelInfo, type ModelId } from '../../../shared/models';
import type { ModelSnapshot } from '../../../shared/results';
import { SCENARIOS } from '../../../shared/scenarios';

/** A catalogue like the engine's on a 2-core machine. */
export const CATALOG: Catalog = {
  scenarios: SCENARIOS,
  models: MODEL_IDS.map((id) => ({
    ...modelInfo(MODELS[id]),
    availability:
      id === 'py-threads-nogil'
        ? {
            available: false,
            reason:
              'needs a free-threaded CPython (python3.13t or later on PATH, or --python naming one); found CPython 3.11.7, GIL',
          }
        : MODELS[id].family.id === 'cpython'
          ? { available: true, runtime: 'CPython 3.11.7, GIL' }
          : { available: true },
  })),
  python: {
    interpreters: [
      { path: '/usr/bin/python3', version: '3.11.7', build: 'GIL', label: 'CPython 3.11.7, GIL' },
    ],
    unavailable: null,
  },
  poolKnobs: POOL_KNOBS,
  machine: { cores: 2, cpuModel: 'Test CPU', platform: 'linux', arch: 'x64', node: 'v20.19.0' },
  defaultPool: {
    threads: 6,
    processes: 2,
    concurrency: null,
    switchIntervalMs: 5,
    taskTimeoutMs: null,
    workers: 2,
  },
  processKind: 'child_process',
  historyFile: null,
  logFile: null,
  historyNotice: null,
};

/** A snapshot of one model part-way through 10 tasks. */
export function snapshot(model: ModelId, overrides: Partial<ModelSnapshot> = {}): ModelSnapshot {
  return {
    model,
    state: 'running',
    total: 10,
    completed: 4,
    failed: 0,
    running: 2,
    elapsedMs: 800,
    etaMs: 1200,
    startupMs: 20,
    throughput: [
      [0.1, 0],
      [0.2, 10],
      [0.3, 20],
    ],
    lanes: [
      {
        index: 0,
        label: 'thread 1',
        intervals: [
          { start: 0, end: 200, failed: false },
          { start: 210, end: 400, failed: true },
        ],
        runningSince: 420,
      },
      { index: 1, label: 'thread 2', intervals: [{ start: 5, end: 390, failed: false }], runningSince: null },
    ],
    hiddenLanes: 0,
    ...overrides,
  };
}

/** One model's result of a clean run of 10 tasks. */
export function summary(model: ModelId, overrides: Partial<ModelSummary> = {}): ModelSummary {
  return {
    model,
    state: 'done',
    placement: 'calling thread',
    workers: 1,
    wallMs: 2000,
    startupMs: 0,
    total: 10,
    completed: 10,
    failed: 0,
    throughput: 5,
    speedup: 1,
    latencyMs: { p50: 190, p95: 210, max: 230 },
    queueWaitMs: { p50: 0, p95: 0, max: 0 },
    cpuUtilization: 0.5,
    peakRssMb: 80,
    check: { ok: true, answer: '10 tokens' },
    failures: [],
    lanes: [{ index: 0, label: 'main' }],
    laneCount: 1,
    epochStartMs: 1_700_000_000_000,
    notes: ['calling thread'],
    ...overrides,
  };
}

/** A finished run of the given models. */
export function runView(runId: string, models: readonly ModelId[] = ['sequential', 'threads']): RunView {
  return {
    run: {
      runId,
      scenario: 'io-sleep',
      title: 'Simulated I/O waits',
      startedAt: '2025-01-01T10:00:00.000Z',
      state: 'done',
      params: { tasks: 10, taskMs: 200 },
      derived: {},
      pool: CATALOG.defaultPool,
      machine: CATALOG.machine,
      results: models.map((model, i) =>
        summary(model, { wallMs: 2000 / (i + 1), speedup: i + 1, throughput: 5 * (i + 1) }),
      ),
    },
    snapshots: models.map((model) => snapshot(model, { state: 'done', completed: 10, running: 0, etaMs: 0 })),
    verdict: 'threads ran 2.0× faster than sequential.',
  };
}

/** A finished deadlock lesson run, as the history keeps it. */
export function deadlockLessonRun(runId: string, startedAt = '2025-01-01T13:00:00Z'): LessonRun {
  return {
    lesson: 'deadlock',
    runId,
    startedAt,
    request: { pauseMs: 20, reportAfterMs: 60 },
    result: {
      attempts: [
        {
          strategy: 'global-order',
          orders: { A: ['L1', 'L2'], B: ['L1', 'L2'] },
          outcome: 'completed',
          cycle: [],
          explanation: 'one order',
          formedAtMs: null,
          detectedAtMs: null,
          totalMs: 80,
          cleanupMs: null,
          events: [],
        },
      ],
    },
  };
}

/** A lesson run's line in the history list. */
export function lessonItem(runId: string, lesson: EngineLessonId, startedAt: string): LessonListItem {
  return { kind: 'lesson', runId, lesson, title: lesson, settings: '', startedAt, verdict: 'measured' };
}
