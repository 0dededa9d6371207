import { describe, expect, it } from 'vitest';
import { dataPassingClaims } from './data-passing';
import { deadlockClaims } from './deadlock';
import { pipelineClaims, type PipelineResult } from './pipeline';
import { raceConditionClaims } from './race-condition';

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
    expect(claims.map((claim) => claim.model)).toEqual(['threads', 'threads', 'threads', 'gil-threads']);
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
