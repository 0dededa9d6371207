/**
 * The README's "How claims are checked" lists every claim with the tolerance its words allow. The
 * rows are generated here from the claims themselves (model registry, lesson modules), so the list a
 * user reads cannot drift from what the lab checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from './shared/claims';
import { dataPassingClaims, type DataPassingRow } from './shared/lessons/data-passing';
import { pipelineClaims, type PipelineResult } from './shared/lessons/pipeline';
import { raceConditionClaims, type RaceRun } from './shared/lessons/race-condition';
import { outgrowingClaims } from './shared/lessons/outgrowing-one-machine';
import { simulationMatchesCPython } from './shared/gil-claims';
import { lessonTitle } from './shared/lessons/registry';
import { BUSY_MACHINE_RULE_TEXT } from './shared/machine-load';
import { MODEL_IDS, type ModelId } from './shared/models';
import { raceClaims } from './shared/race-claims';
import type { ScenarioId } from './shared/scenarios';

function race(scenario: ScenarioId, models: readonly ModelId[]): Claim[] {
  return raceClaims({
    scenario,
    params: { tasks: 8 },
    pool: {
      threads: 6,
      processes: 2,
      concurrency: null,
      switchIntervalMs: 5,
      taskTimeoutMs: null,
      workers: 2,
    },
    machine: { cores: 2 },
    results: models.map((model) => ({
      model,
      state: 'done' as const,
      check: { ok: true, answer: '' },
      // threads' speedup is what "gil-threads keep up with threads" is measured against.
      speedup: model === 'threads' ? 5 : 1,
    })),
  });
}

function row(claim: Claim, work: string): string {
  return `| ${claim.model ?? '—'} | ${work} | ${claim.text} | ${claim.tolerance} |`;
}

const passingRow = (carrier: DataPassingRow['carrier'], mode: DataPassingRow['mode']): DataPassingRow => ({
  carrier,
  mode,
  bytes: 2 ** 20,
  ms: 1,
  msPerMb: 1,
  touchMs: 1,
  ok: true,
});

const raceRun = (mode: RaceRun['mode']): RaceRun => ({
  model: 'threads',
  mode,
  switchInsideIncrement: false,
  expected: 1,
  final: 1,
  lost: 0,
  lostPercent: 0,
  wallMs: 1,
  workers: [],
});

const PIPELINE: PipelineResult = {
  carrier: 'threads',
  consumers: [],
  capacity: 8,
  produced: 1,
  consumed: 1,
  written: 1,
  check: {
    expected: 1,
    rows: 1,
    distinctIds: 1,
    duplicates: 0,
    missing: 0,
    unknown: 0,
    missingIds: [],
    duplicateIds: [],
    exactlyOnce: true,
  },
  digestsChecked: 1,
  digestsWrong: 0,
  exactlyOnce: true,
  startupMs: 1,
  wallMs: 1000,
  producerBlockedMs: 100,
  maxQueueDepth: 8,
  producerRate: 1,
  consumerRate: 1,
  series: [],
};

/** The README's rows, in the order it lists them. */
function expectedRows(): string[] {
  const withoutThreads = MODEL_IDS.filter((model) => model !== 'threads');
  const raceRows = [
    ...race('io-sleep', MODEL_IDS).map((claim) => row(claim, 'I/O race')),
    ...race('io-sleep', withoutThreads)
      .filter((claim) => claim.model === 'gil-threads')
      .map((claim) => row(claim, 'I/O race, threads not run')),
    ...race('cpu-primes', MODEL_IDS).map((claim) => row(claim, 'CPU race')),
  ];
  const passing = dataPassingClaims({
    rows: [
      passingRow('threads', 'clone'),
      passingRow('threads', 'transfer'),
      passingRow('threads', 'shared'),
      passingRow('processes', 'clone'),
    ],
    latency: [],
    unsupported: [],
    ok: true,
  });
  const mutex = raceConditionClaims({
    workers: 2,
    increments: 1,
    cores: 2,
    runs: [raceRun('atomic'), raceRun('mutex')],
  });
  const backpressure = pipelineClaims(PIPELINE);
  // Every part measured once, so each claim shows the tolerance it is judged by.
  const outgrowing = outgrowingClaims({
    cores: 2,
    broker: 'a private NATS server',
    rows: [
      {
        part: 'overhead',
        model: 'processes',
        tasks: 1,
        workers: 2,
        taskMs: 1,
        wallMs: 1,
        overheadMs: 1,
        ok: true,
      },
      {
        part: 'overhead',
        model: 'distributed',
        tasks: 1,
        workers: 2,
        taskMs: 1,
        wallMs: 1,
        overheadMs: 2,
        ok: true,
      },
      {
        part: 'sweep',
        taskMs: 1,
        tasks: 1,
        sequentialMs: 1,
        processesMs: 1,
        distributedMs: 2,
        workers: 2,
        ok: true,
      },
      {
        part: 'scaling',
        localWorkers: 1,
        joinedWorkers: 0,
        tasks: 1,
        taskMs: 1,
        wallMs: 1,
        throughput: 1,
        ok: true,
      },
      {
        part: 'scaling',
        localWorkers: 2,
        joinedWorkers: 0,
        tasks: 1,
        taskMs: 1,
        wallMs: 1,
        throughput: 2,
        ok: true,
      },
    ],
    ok: true,
  });
  const lessonRows = [
    ...passing.map((claim) => [claim, lessonTitle('data-passing')] as const),
    ...mutex.map((claim) => [claim, lessonTitle('race-condition')] as const),
    ...backpressure.map((claim) => [claim, lessonTitle('pipeline')] as const),
    ...outgrowing.map((claim) => [claim, lessonTitle('outgrowing-one-machine')] as const),
  ]
    .filter(([claim]) => claim.tolerance !== undefined)
    .map(([claim, title]) => row(claim, `lesson “${title}”`));
  // The GIL lesson with CPython beside it: 8 threads in its I/O comparison.
  const simulation = simulationMatchesCPython(
    { gilThreads: 1, pyThreads: 1 },
    { gilThreads: 8, pyThreads: 8 },
    8,
  );
  return [...raceRows, ...lessonRows, row(simulation, 'the GIL lesson, CPython beside it')];
}

describe('README: how claims are checked', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it('lists every claim with the tolerance the lab checks it by', () => {
    // Prettier pads the README's table cells: compare cells, not spacing.
    const cells = (line: string): string =>
      line
        .split('|')
        .map((cell) => cell.trim())
        .join('|');
    const tableLines = new Set(
      readme
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map(cells),
    );
    const rows = expectedRows();
    expect(rows.length).toBeGreaterThan(10);
    for (const line of rows) expect(tableLines).toContain(cells(line));
  });

  it('states the busy-machine rule as the lab applies it', () => {
    expect(readme).toContain(BUSY_MACHINE_RULE_TEXT);
  });

  it('prints the rows (for updating the README)', () => {
    if (process.env.PRINT_CLAIM_ROWS) console.log(expectedRows().join('\n'));
  });
});
