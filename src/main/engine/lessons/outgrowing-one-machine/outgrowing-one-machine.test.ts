import { describe, expect, it } from 'vitest';
import {
  outgrowingClaims,
  breakEvenMs,
  rowsOf,
  sweepSizes,
  type OutgrowingRow,
} from '../../../../shared/lessons/outgrowing-one-machine';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { natsServerForTests } from '../../../../test-support/nats';
import { isCancellation } from '../../errors';
import { NATS_SERVER_MISSING } from '../../models/distributed/nats-server-locator';
import { alive, recordingSpawner } from '../cleanup.test-support';
import { runOutgrowingLesson, workerSteps } from './outgrowing-one-machine';

const binary = natsServerForTests();
const SMALL = { tinyTasks: 40, tasks: 6, sizesMs: [0.2, 5], maxWorkers: 2 };

describe('the steps of "Outgrowing one machine"', () => {
  it('adds workers 1, 2, 4… up to the most, and sizes a fifth of each other down to the largest', () => {
    expect(workerSteps(1)).toEqual([1]);
    expect(workerSteps(2)).toEqual([1, 2]);
    expect(workerSteps(6)).toEqual([1, 2, 4, 6]);
    expect(workerSteps(8)).toEqual([1, 2, 4, 8]);
    expect(sweepSizes(25, 4)).toEqual([0.2, 1, 5, 25]);
    expect(sweepSizes(0.2, 4)).toEqual([0.2]);
  });

  it('refuses to start without a NATS server, saying how to get one', async () => {
    await expect(
      runOutgrowingLesson(SMALL, {
        hostScripts: builtHostScripts(),
        spawner: recordingSpawner([]),
        distributed: { server: null, natsServer: '/no/nats-server' },
      }),
    ).rejects.toThrow(
      `this lesson needs a NATS server: /no/nats-server is not an executable nats-server; ${NATS_SERVER_MISSING}`,
    );
  });
});

describe.skipIf(!binary)('"Outgrowing one machine", measured', () => {
  it('measures every part with every answer checked, and a killed worker’s task redelivered and counted once', async () => {
    const pids: number[] = [];
    const seen: OutgrowingRow[] = [];
    const result = await runOutgrowingLesson(
      SMALL,
      { hostScripts: builtHostScripts(), spawner: recordingSpawner(pids) },
      (row) => seen.push(row),
    );
    expect(seen).toEqual(result.rows);
    expect(result.broker).toBe('a private NATS server');
    expect(result.rows.map((row) => row.part)).toEqual([
      'overhead',
      'overhead',
      'sweep',
      'sweep',
      'scaling',
      'scaling',
      'kill',
    ]);
    expect(result.ok).toBe(true);
    expect(rowsOf(result, 'overhead').map((row) => row.model)).toEqual(['processes', 'distributed']);
    expect(rowsOf(result, 'scaling').map((row) => row.localWorkers)).toEqual([1, 2]);
    const [kill] = rowsOf(result, 'kill');
    expect(kill!.killedPid).not.toBeNull();
    expect(pids).toContain(kill!.killedPid);
    expect(kill).toMatchObject({ lost: 0, countedTwice: 0 });
    expect(kill!.redelivered).toBeGreaterThanOrEqual(1);
    // Each claim is decided by its measurement, and the one about the kill holds.
    const claims = outgrowingClaims(result);
    expect(claims.at(-2)).toMatchObject({ holds: true });
    expect(claims.at(-1)).toMatchObject({ holds: true });
    for (const claim of claims) expect(claim.evidence).not.toBe('not measured');
    expect(pids.filter(alive)).toEqual([]);
  });

  it('stops when cancelled, leaving no process behind', async () => {
    const pids: number[] = [];
    const controller = new AbortController();
    const running = runOutgrowingLesson(
      { ...SMALL, tasks: 200, sizesMs: [20] },
      { hostScripts: builtHostScripts(), spawner: recordingSpawner(pids), signal: controller.signal },
      (row) => {
        if (row.part === 'overhead' && row.model === 'distributed') controller.abort();
      },
    );
    const error = await running.catch((caught: unknown) => caught);
    expect(isCancellation(error)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pids.filter(alive)).toEqual([]);
  });
});

describe('the break-even of the sweep', () => {
  const sweep = (taskMs: number, sequentialMs: number, distributedMs: number) =>
    ({
      part: 'sweep',
      taskMs,
      tasks: 10,
      sequentialMs,
      processesMs: 1,
      distributedMs,
      workers: 2,
      ok: true,
    }) as const;

  it('is the size from which every larger size paid off', () => {
    expect(
      breakEvenMs({ rows: [sweep(0.2, 5, 20), sweep(1, 10, 15), sweep(5, 50, 30), sweep(25, 250, 140)] }),
    ).toBe(5);
    // A lucky small size below one that lost is no break-even.
    expect(breakEvenMs({ rows: [sweep(0.2, 40, 20), sweep(1, 10, 15), sweep(5, 50, 30)] })).toBe(5);
    expect(breakEvenMs({ rows: [sweep(0.2, 5, 20), sweep(25, 250, 260)] })).toBeNull();
  });
});
