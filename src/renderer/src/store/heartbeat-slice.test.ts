import { describe, expect, it } from 'vitest';
import { HEARTBEAT_MS } from '../../../shared/ipc';
import { heartbeatGap, selectStall, STALL_MS, stallMessage } from './heartbeat-slice';
import { createLabStore } from './lab-store';

const EPOCH = 1_700_000_000_000;

/** Feeds beats as [seq, sent at (ms after EPOCH), arrived at (page ms)]. */
function feed(beats: readonly (readonly [number, number, number])[]) {
  const store = createLabStore();
  for (const [seq, sent, arrived] of beats)
    store.getState().heartbeatReceived({ seq, at: EPOCH + sent }, arrived);
  return store;
}

describe('heartbeat gap detection', () => {
  it('sees nothing wrong in beats on time', () => {
    const store = feed([
      [0, 0, 1000],
      [1, 200, 1201],
      [2, 400, 1399],
    ]);
    expect(selectStall(store.getState())).toBeNull();
    expect(store.getState().heartbeat.lastGapMs).toBeCloseTo(198);
  });

  it('reports a main process that went silent, with the gap it measured', () => {
    const store = feed([
      [0, 0, 1000],
      [1, 200, 1200],
      [2, 3100, 4101],
    ]);
    const stall = selectStall(store.getState());
    expect(stall?.gapMs).toBe(2900);
    expect(stallMessage(stall!)).toBe('main process unresponsive for 2.9 s');
  });

  it('does not blame the main process when the page itself was blocked and got the beats late', () => {
    // Sent every 200 ms, all handled at once after the page's 2.5 s freeze.
    const store = feed([
      [0, 0, 1000],
      [1, 200, 3500],
      [2, 400, 3501],
    ]);
    expect(selectStall(store.getState())).toBeNull();
  });

  it('does not call beats lost in transit (a reconnection) a stall', () => {
    expect(heartbeatGap({ seq: 3, at: 0, arrivedAt: 0 }, { seq: 20, at: 3400, arrivedAt: 3400 })).toBeNull();
  });

  it('takes five periods of silence to alert', () => {
    expect(STALL_MS).toBe(5 * HEARTBEAT_MS);
    const store = feed([
      [0, 0, 0],
      [1, STALL_MS, STALL_MS],
    ]);
    expect(selectStall(store.getState())).toBeNull();
  });

  it('keeps the alert through later beats until the next job starts', () => {
    const store = feed([
      [0, 0, 0],
      [1, 2000, 2000],
      [2, 2200, 2200],
      [3, 2400, 2400],
    ]);
    expect(selectStall(store.getState())?.gapMs).toBe(2000);
    store.getState().jobStarted('web-worker');
    expect(selectStall(store.getState())).toBeNull();
  });

  it('words the gap in seconds with one decimal', () => {
    expect(stallMessage({ gapMs: 1549, seq: 1 })).toBe('main process unresponsive for 1.5 s');
    expect(stallMessage({ gapMs: 12_040, seq: 1 })).toBe('main process unresponsive for 12.0 s');
  });
});
