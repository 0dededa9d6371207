import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelSnapshot } from '../../../shared/results';
import { SnapshotPacer } from './snapshot-pacer';

function snapshot(
  model: ModelSnapshot['model'],
  completed: number,
  state: ModelSnapshot['state'] = 'running',
): ModelSnapshot {
  return {
    model,
    state,
    total: 100,
    completed,
    failed: 0,
    running: 1,
    elapsedMs: 0,
    etaMs: null,
    startupMs: 0,
    throughput: [],
    lanes: [],
    hiddenLanes: 0,
  };
}

describe('SnapshotPacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at most 20 snapshots in any second, however often the state changes, and the latest one last', () => {
    const sent: { at: number; snapshot: ModelSnapshot }[] = [];
    const pacer = new SnapshotPacer((s) => sent.push({ at: performance.now(), snapshot: s }));
    let completed = 0;
    for (let ms = 0; ms < 3000; ms++) {
      completed++;
      pacer.live(() => snapshot('threads', completed));
      if (ms % 700 === 0) void pacer.final(snapshot('async', ms, 'done'));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    for (const { at } of sent) {
      const inWindow = sent.filter((other) => other.at >= at && other.at < at + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(20);
    }
    expect(sent.length).toBeGreaterThan(50);
    expect(sent.at(-1)!.snapshot.completed).toBe(3000);
  });

  it('builds a live snapshot once per slot, not once per change', () => {
    const pacer = new SnapshotPacer(() => undefined);
    const build = vi.fn(() => snapshot('async', 1));
    for (let i = 0; i < 1000; i++) pacer.live(build);
    vi.advanceTimersByTime(200);
    expect(build.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('never drops a final snapshot, sends finals in order, and keeps the pace across models', async () => {
    const sent: { at: number; snapshot: ModelSnapshot }[] = [];
    const pacer = new SnapshotPacer((s) => sent.push({ at: performance.now(), snapshot: s }));
    pacer.live(() => snapshot('sequential', 5));
    const first = pacer.final(snapshot('sequential', 10, 'done'));
    pacer.live(() => snapshot('async', 0, 'starting'));
    const second = pacer.final(snapshot('async', 10, 'done'));
    await vi.advanceTimersByTimeAsync(500);
    await Promise.all([first, second]);
    expect(sent.map((s) => `${s.snapshot.model}:${s.snapshot.state}`)).toEqual([
      'sequential:running',
      'sequential:done',
      'async:done',
    ]);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(50);
  });

  it('drops pending live snapshots on dispose and releases waiting finals', async () => {
    const sent: ModelSnapshot[] = [];
    const pacer = new SnapshotPacer((s) => sent.push(s));
    pacer.live(() => snapshot('threads', 1));
    pacer.live(() => snapshot('threads', 2));
    const waiting = pacer.final(snapshot('threads', 3, 'done'));
    pacer.dispose();
    await waiting;
    vi.advanceTimersByTime(1000);
    expect(sent.map((s) => s.completed)).toEqual([1]);
  });
});
