import { describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../../test-support/engine-options';
import { forkSpawner } from '../../models/process-spawner';
import { alive, osThreadCount, recordingSpawner } from '../cleanup.test-support';
import type { DataPassingRow } from '../../../../shared/lessons/data-passing';
import { runDataPassingLesson } from './data-passing';

const env = { hostScripts: builtHostScripts(), spawner: forkSpawner };
const KB = 1024;

describe('data-passing lesson', () => {
  it('returns a verified checksum for every carrier, mode and size, and a latency above zero', async () => {
    const seen: DataPassingRow[] = [];
    const result = await runDataPassingLesson(
      { sizes: [64 * KB, 1024 * KB], repeats: 2, latencySamples: 20 },
      env,
      { onRow: (row) => seen.push(row) },
    );
    expect(result.rows.map((r) => `${r.carrier}/${r.mode}/${r.bytes}`)).toEqual([
      'threads/clone/65536',
      'threads/clone/1048576',
      'threads/transfer/65536',
      'threads/transfer/1048576',
      'threads/shared/65536',
      'threads/shared/1048576',
      'processes/clone/65536',
      'processes/clone/1048576',
    ]);
    expect(seen).toEqual(result.rows);
    expect(result.ok).toBe(true);
    for (const row of result.rows) {
      expect(row.ok).toBe(true);
      expect(row.ms).toBeGreaterThan(0);
      expect(row.msPerMb).toBeCloseTo(row.ms / (row.bytes / (1024 * KB)), 1);
    }
    expect(result.latency.map((l) => l.carrier)).toEqual(['threads', 'processes']);
    for (const l of result.latency) {
      expect(l.medianMs).toBeGreaterThan(0);
      expect(l.p95Ms).toBeGreaterThanOrEqual(l.medianMs);
    }
    // Processes cannot move or share memory: the result says so rather than showing a number.
    expect(result.unsupported.map((u) => `${u.carrier}/${u.mode}`)).toEqual([
      'processes/transfer',
      'processes/shared',
    ]);
    expect(result.unsupported.every((u) => /separate memory/.test(u.reason))).toBe(true);
  });

  it('rejects a payload size out of range, naming the range', async () => {
    await expect(runDataPassingLesson({ sizes: [10] }, env)).rejects.toThrow(
      /payload size in bytes must be an integer from 1024 to 268435456 \(got 10\)/,
    );
  });

  it.each(['threads', 'processes'] as const)(
    'stops every thread and process when cancelled during %s',
    async (carrier) => {
      const pids: number[] = [];
      const controller = new AbortController();
      const threadsBefore = osThreadCount();
      const lesson = runDataPassingLesson(
        { sizes: [64 * KB, 32 * 1024 * KB], repeats: 3, latencySamples: 10 },
        { ...env, spawner: recordingSpawner(pids), signal: controller.signal },
        // The abort lands while the 32 MB payload is on its way.
        { onRow: (row) => row.carrier === carrier && controller.abort() },
      );
      await expect(lesson).rejects.toThrow(/cancelled/);
      expect(pids.length).toBe(carrier === 'processes' ? 1 : 0);
      expect(pids.filter(alive)).toEqual([]);
      if (threadsBefore !== null)
        await expect.poll(osThreadCount, { timeout: 2000 }).toBeLessThanOrEqual(threadsBefore);
    },
  );
});
