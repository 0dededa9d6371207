import { describe, expect, it } from 'vitest';
import { judgedOnBusyMachine } from '../claims';
import { busyMachine } from '../machine-load';
import {
  dataPassingClaims,
  type DataCarrier,
  type DataPassingMode,
  type DataPassingRow,
} from './data-passing';
import { deadlockClaims } from './deadlock';
import { outgrowingClaims } from './outgrowing-one-machine-claims';
import type { OutgrowingResult, OutgrowingRow } from './outgrowing-one-machine-results';
import { pipelineClaims, type PipelineResult } from './pipeline';
import { raceConditionClaims, type RaceRun } from './race-condition';

function pipeline(change: Partial<PipelineResult>): PipelineResult {
  return {
    carrier: 'threads',
    consumers: [{ label: 'thread 1', items: 100 }],
    capacity: 8,
    produced: 100,
    consumed: 100,
    written: 100,
    check: {
      expected: 100,
      rows: 100,
      distinctIds: 100,
      duplicates: 0,
      missing: 0,
      unknown: 0,
      missingIds: [],
      duplicateIds: [],
      exactlyOnce: true,
    },
    digestsChecked: 64,
    digestsWrong: 0,
    exactlyOnce: true,
    startupMs: 40,
    wallMs: 10_000,
    producerBlockedMs: 0,
    maxQueueDepth: 2,
    producerRate: 10,
    consumerRate: 10,
    series: [],
    ...change,
  };
}

const backpressure = (result: PipelineResult) => pipelineClaims(result)[2]!;

describe('pipeline backpressure claim', () => {
  it('holds when a full queue held the producer back, with the wait in numbers', () => {
    const claim = backpressure(pipeline({ producerBlockedMs: 6400, maxQueueDepth: 8, wallMs: 8000 }));
    expect(claim.holds).toBe(true);
    expect(claim.evidence).toBe(
      'the producer waited 6400 ms for room, 80% of the run; the queue peaked at 8 of 8',
    );
  });

  it('is contradicted when the producer waited although the queue never filled', () => {
    const claim = backpressure(pipeline({ producerBlockedMs: 900, maxQueueDepth: 3, wallMs: 2000 }));
    expect(claim.holds).toBe(false);
    expect(claim.evidence).toContain('the queue peaked at 3 of 8');
  });

  it('cannot tell when a producer paced below the consumers hardly waited, and says the wait was negligible', () => {
    // The start-up wait of a slow producer: the first items arrive before the consumers' first takes.
    const claim = backpressure(pipeline({ producerBlockedMs: 0.5, maxQueueDepth: 8, wallMs: 10_000 }));
    expect(claim.holds).toBeNull();
    expect(claim.evidence).toContain('waited only 0.5 ms');
    expect(claim.evidence).toContain('negligible');
    expect(claim.evidence).toContain('the consumers kept up');
    expect(backpressure(pipeline({ producerBlockedMs: 0 })).holds).toBeNull();
  });

  it('counts a short wait as backpressure when it is a large share of a short run', () => {
    expect(backpressure(pipeline({ producerBlockedMs: 4, maxQueueDepth: 8, wallMs: 40 })).holds).toBe(true);
  });

  it('counts a small share as backpressure when it adds up to real waiting', () => {
    expect(backpressure(pipeline({ producerBlockedMs: 300, maxQueueDepth: 8, wallMs: 60_000 })).holds).toBe(
      true,
    );
  });
});

describe('the model each claim is about', () => {
  it('race condition: threads for the modes on real threads, gil-threads for the GIL run', () => {
    const claims = raceConditionClaims({ workers: 2, increments: 10, cores: 4, runs: [] });
    expect(claims.map((claim) => claim.model)).toEqual([
      'threads',
      'threads',
      'threads',
      'threads',
      'gil-threads',
    ]);
  });

  it('data passing: the carrier a comparison measures, none for the checksum', () => {
    const claims = dataPassingClaims({ rows: [], latency: [], unsupported: [], ok: true });
    expect(claims.map((claim) => claim.model)).toEqual(['threads', 'threads', 'processes', null]);
  });

  it('pipeline and deadlock: about no single model', () => {
    expect(pipelineClaims(pipeline({})).map((claim) => claim.model)).toEqual([null, null, null]);
    expect(deadlockClaims({ attempts: [] }).map((claim) => claim.model)).toEqual([null, null]);
  });
});

const MB = 2 ** 20;

/** Data-passing rows at 64 MB, each way taking `msPerMb[way]` per megabyte. */
function passing(msPerMb: Readonly<Record<`${DataCarrier}/${DataPassingMode}`, number>>): DataPassingRow[] {
  return Object.entries(msPerMb).map(([way, perMb]) => {
    const [carrier, mode] = way.split('/') as [DataCarrier, DataPassingMode];
    return { carrier, mode, bytes: 64 * MB, ms: perMb * 64, msPerMb: perMb, touchMs: 1, ok: true };
  });
}

const WAYS = {
  'threads/clone': 3,
  'threads/transfer': 0.42,
  'threads/shared': 0.5,
  'processes/clone': 9,
  'processes/transfer': 0,
  'processes/shared': 0,
};

function passingClaim(index: number, change: Partial<typeof WAYS>) {
  const rows = passing({ ...WAYS, ...change }).filter((row) => row.msPerMb > 0);
  return dataPassingClaims({ rows, latency: [], unsupported: [], ok: true })[index]!;
}

describe('data-passing claims, each on both sides of its tolerance', () => {
  it('a transfer beats copying: at most the copy’s time', () => {
    expect(passingClaim(0, { 'threads/transfer': 3 }).holds).toBe(true);
    const slower = passingClaim(0, { 'threads/transfer': 3.01 });
    expect(slower.holds).toBe(false);
    expect(slower.tolerance).toBe("holds at 1.00× the copy's time or less");
    expect(slower.cause).toMatch(/too small/);
  });

  it('shared memory is no slower than a transfer, within 25%, and faster than a copy', () => {
    expect(passingClaim(1, { 'threads/shared': 0.525 }).holds).toBe(true);
    const issue = passingClaim(1, { 'threads/shared': 0.54 });
    expect(issue.holds).toBe(false);
    expect(issue.evidence).toBe('shared 0.54 ms/MB vs transfer 0.42 ms/MB and copy 3.00 ms/MB at 64 MB');
    expect(issue.tolerance).toBe(
      "holds at 1.25× a transfer's time or less (a 25% margin), and at 1.00× the copy's time or less",
    );
    expect(issue.cause).toMatch(/reading every byte/);
    expect(
      passingClaim(1, { 'threads/shared': 0.5, 'threads/transfer': 0.5, 'threads/clone': 0.49 }).holds,
    ).toBe(false);
  });

  it('processes are the slowest per megabyte: at least a copy to a thread', () => {
    expect(passingClaim(2, { 'processes/clone': 3 }).holds).toBe(true);
    expect(passingClaim(2, { 'processes/clone': 2.99 }).holds).toBe(false);
  });

  it('a busy machine judges none of the timed comparisons, but still the checksums', () => {
    const claims = dataPassingClaims({ rows: passing(WAYS), latency: [], unsupported: [], ok: true });
    const busy = busyMachine({ windows: [{ during: 'before', otherCpuPercent: 80, ms: 1000 }] });
    expect(judgedOnBusyMachine(claims, busy).map((claim) => claim.holds)).toEqual([null, null, null, true]);
  });
});

function race(mode: RaceRun['mode'], wallMs: number): RaceRun {
  return {
    model: 'threads',
    mode,
    switchInsideIncrement: false,
    expected: 100,
    final: 100,
    lost: 0,
    lostPercent: 0,
    wallMs,
    workers: [],
  };
}

describe('race-condition claims', () => {
  const mutexSlower = (mutexMs: number) =>
    raceConditionClaims({
      workers: 2,
      increments: 50,
      cores: 2,
      runs: [race('atomic', 10), race('mutex', mutexMs)],
    })[3]!;

  it('a mutex is slower than Atomics.add: at least Atomics.add’s time', () => {
    expect(mutexSlower(10).holds).toBe(true);
    const faster = mutexSlower(9.9);
    expect(faster.holds).toBe(false);
    expect(faster.timed).toBe(true);
    expect(faster.cause).toMatch(/too few increments/);
  });

  it('a mutex is exact, counted apart from its cost', () => {
    const claims = raceConditionClaims({ workers: 2, increments: 50, cores: 2, runs: [race('mutex', 5)] });
    expect(claims[2]).toMatchObject({ text: 'a mutex is exact', holds: true });
    expect(claims[2]!.timed).toBeUndefined();
  });
});

/** A two-core "Outgrowing one machine" result, each part changeable. */
function outgrowing(change: {
  readonly poolOverheadMs?: number;
  readonly brokerOverheadMs?: number;
  readonly tiny?: { readonly sequentialMs: number; readonly distributedMs: number };
  readonly big?: { readonly sequentialMs: number; readonly distributedMs: number };
  readonly throughputs?: readonly [number, number];
  readonly cores?: number;
}): OutgrowingResult {
  const [one, two] = change.throughputs ?? [100, 180];
  const tiny = change.tiny ?? { sequentialMs: 1, distributedMs: 10 };
  const big = change.big ?? { sequentialMs: 300, distributedMs: 180 };
  const overhead = (model: 'processes' | 'distributed', overheadMs: number): OutgrowingRow => ({
    part: 'overhead',
    model,
    tasks: 40,
    workers: 2,
    taskMs: 0.05,
    wallMs: 50,
    overheadMs,
    ok: true,
  });
  const sweep = (taskMs: number, times: { sequentialMs: number; distributedMs: number }): OutgrowingRow => ({
    part: 'sweep',
    taskMs,
    tasks: 6,
    processesMs: 1,
    workers: 2,
    ok: true,
    ...times,
  });
  const scaling = (localWorkers: number, throughput: number): OutgrowingRow => ({
    part: 'scaling',
    localWorkers,
    joinedWorkers: 0,
    tasks: 6,
    taskMs: 5,
    wallMs: 30,
    throughput,
    ok: true,
  });
  return {
    cores: change.cores ?? 2,
    broker: 'a private NATS server',
    rows: [
      overhead('processes', change.poolOverheadMs ?? 0.5),
      overhead('distributed', change.brokerOverheadMs ?? 3),
      sweep(0.2, tiny),
      sweep(50, big),
      scaling(1, one),
      scaling(2, two),
      {
        part: 'kill',
        tasks: 8,
        workers: 2,
        killedPid: 4242,
        redelivered: 1,
        lost: 0,
        countedTwice: 0,
        wallMs: 1000,
        ok: true,
      },
    ],
    ok: true,
  };
}

describe('"Outgrowing one machine" claims, each on both sides of its tolerance', () => {
  const claim = (result: OutgrowingResult, index: number) => outgrowingClaims(result)[index]!;

  it('through the broker every task pays more: from 1.00× the pool’s cost per task', () => {
    const inside = claim(outgrowing({ poolOverheadMs: 2, brokerOverheadMs: 2 }), 0);
    expect(inside.holds).toBe(true);
    expect(inside.tolerance).toBe("holds at 1.00× the process pool's cost per task or more");
    const outside = claim(outgrowing({ poolOverheadMs: 2, brokerOverheadMs: 1.98 }), 0);
    expect(outside.holds).toBe(false);
    expect(outside.cause).toMatch(/process pool paid more/);
  });

  it('tiny tasks are slower distributed: from 1.00× the plain loop’s time', () => {
    const inside = claim(outgrowing({ tiny: { sequentialMs: 5, distributedMs: 5 } }), 1);
    expect(inside.holds).toBe(true);
    expect(inside.tolerance).toBe("holds at 1.00× the plain loop's time or more");
    const outside = claim(outgrowing({ tiny: { sequentialMs: 5, distributedMs: 4.9 } }), 1);
    expect(outside.holds).toBe(false);
    expect(outside.cause).toMatch(/smallest size/);
  });

  it('big enough tasks pay: distributed faster than the loop at the largest size', () => {
    const inside = claim(outgrowing({ big: { sequentialMs: 300, distributedMs: 299 } }), 2);
    expect(inside.holds).toBe(true);
    expect(inside.tolerance).toMatch(/^holds when distributed took less than 1.00× the plain loop's time/);
    const outside = claim(outgrowing({ big: { sequentialMs: 300, distributedMs: 300 } }), 2);
    expect(outside.holds).toBe(false);
    expect(outside.cause).toMatch(/broker round trip per task/);
  });

  it('more local workers raise throughput by a fifth: from 1.20× one worker’s', () => {
    const inside = claim(outgrowing({ throughputs: [100, 120] }), 3);
    expect(inside.holds).toBe(true);
    expect(inside.tolerance).toBe("holds at 1.20× one worker's throughput or more");
    expect(inside.evidence).toContain('(1.20×)');
    const outside = claim(outgrowing({ throughputs: [100, 119] }), 3);
    expect(outside.holds).toBe(false);
    expect(outside.cause).toMatch(/set the pace/);
  });

  it('cannot tell about parallel workers on one core', () => {
    expect(claim(outgrowing({ cores: 1 }), 2).holds).toBeNull();
    expect(claim(outgrowing({ cores: 1 }), 3).holds).toBeNull();
  });

  it('leaves its timed claims unjudged on a busy machine; the kill and the answers, counts, stand', () => {
    const busy = busyMachine({ windows: [{ during: 'before', otherCpuPercent: 90, ms: 1000 }] });
    const claims = judgedOnBusyMachine(outgrowingClaims(outgrowing({})), busy);
    expect(claims.map((c) => c.holds)).toEqual([null, null, null, null, true, true]);
    expect(claims.slice(0, 4).every((c) => c.notJudged === 'busy-machine')).toBe(true);
  });
});
