import { describe, expect, it } from 'vitest';
import { describePlacement, runRemarks } from './distributed-notes';
import { WorkerRoster, type RosterWorker } from './worker-roster';

function workers(): RosterWorker[] {
  const roster = new WorkerRoster('lab-host');
  const local = roster.join({ workerId: 'w1', host: 'lab-host', pid: 11 }, true, 0).worker;
  const laptop = roster.join({ workerId: 'w2', host: 'laptop-7', pid: 22 }, false, 0).worker;
  laptop.clock.add({ sentAt: 100, receivedAt: 104, remoteAt: 3_600_102 });
  return [local, laptop];
}

describe('the distributed model in words', () => {
  it('says where tasks ran: local workers, those that joined, and through which server', () => {
    const [local, laptop] = workers();
    const through = 'NATS at nats://10.0.0.5:4222';
    expect(describePlacement({ active: [local!, laptop!], through, stayLocal: null })).toBe(
      '1 local + 1 worker process that joined, through NATS at nats://10.0.0.5:4222',
    );
    expect(describePlacement({ active: [local!], through: 'a private NATS server', stayLocal: null })).toBe(
      '1 worker process on this machine, through a private NATS server',
    );
    expect(describePlacement({ active: [local!], through, stayLocal: 'files' })).toBe(
      '1 worker process on this machine only, through NATS at nats://10.0.0.5:4222',
    );
  });

  it('remarks on redeliveries, duplicates, other clocks, the start-up split and workers that sat out', () => {
    expect(
      runRemarks({
        stats: { redelivered: 2, duplicatesIgnored: 1 },
        workers: workers(),
        startup: { brokerMs: 31.4, workersMs: 1520 },
        stayLocal: 'its tasks read files here',
      }),
    ).toEqual([
      'local workers only: its tasks read files here; 1 worker process that joined sat it out',
      '2 tasks redelivered after a worker was lost or missed its ack deadline (counted once)',
      '1 duplicate result ignored (at-least-once delivery)',
      "clocks of 1 other machine mapped to the lab's within ±2.0 ms",
      'broker ready in 31 ms, workers joined in 1.52 s',
    ]);
  });

  it('says nothing it did not measure', () => {
    const [local] = workers();
    expect(
      runRemarks({
        stats: { redelivered: 0, duplicatesIgnored: 0 },
        workers: [local!],
        startup: null,
        stayLocal: null,
      }),
    ).toEqual([]);
  });
});
