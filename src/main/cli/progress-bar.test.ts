import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelResult, ModelSnapshot } from '../../shared/results';
import { ProgressBar, progressLine } from './progress-bar';
import { TaskTimeline } from '../../shared/task-timeline';
import { LaneList } from '../../shared/lane-list';

const CLEAR_LINE = '\r\x1b[2K';

function snapshot(overrides: Partial<ModelSnapshot> = {}): ModelSnapshot {
  return {
    model: 'threads',
    state: 'running',
    total: 10,
    completed: 4,
    failed: 0,
    running: 2,
    elapsedMs: 1234,
    etaMs: 2500,
    startupMs: 80,
    throughput: [],
    lanes: [],
    hiddenLanes: 0,
    ...overrides,
  };
}

function result(overrides: Partial<ModelResult> = {}): ModelResult {
  const zero = { p50: 0, p95: 0, max: 0 };
  return {
    model: 'processes',
    state: 'done',
    placement: '2 child processes',
    workers: 2,
    wallMs: 2049,
    startupMs: 100,
    total: 8,
    completed: 8,
    failed: 0,
    throughput: 3.9,
    speedup: 1.9,
    latencyMs: zero,
    queueWaitMs: zero,
    cpuUtilization: 0.9,
    peakRssMb: 120,
    check: { ok: true, answer: '42' },
    failures: [],
    lanes: LaneList.of([]),
    epochStartMs: 0,
    timeline: TaskTimeline.sized(0),
    notes: [],
    ...overrides,
  };
}

/** A writable stream that keeps what was written. */
function fakeStream(): { stream: NodeJS.WritableStream; writes: string[] } {
  const writes: string[] = [];
  const stream = {
    write(chunk: string | Uint8Array): boolean {
      writes.push(String(chunk));
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { stream, writes };
}

/** Drives performance.now(), which the bar reads to throttle redraws. */
function fakeClock(startMs = 10_000): { advance: (ms: number) => void } {
  let now = startMs;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  return {
    advance: (ms) => {
      now += ms;
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('progressLine', () => {
  it('shows the model, settled/total, elapsed seconds and the ETA', () => {
    const line = progressLine(snapshot());
    expect(line.startsWith('threads ')).toBe(true);
    expect(line).toContain('4/10');
    expect(line).toContain('1.2 s');
    expect(line).toContain('ETA 2.5 s');
    expect(line).not.toContain('failed');
    expect(line).not.toContain('\n');
  });

  it('counts failed tasks as settled and says how many failed', () => {
    const line = progressLine(snapshot({ completed: 5, failed: 2 }));
    expect(line).toContain('7/10');
    expect(line).toContain('2 failed');
  });

  it('leaves the ETA out while it is unknown', () => {
    expect(progressLine(snapshot({ etaMs: null }))).not.toContain('ETA');
  });

  it('fills the bar in proportion to settled tasks', () => {
    const filled = (s: ModelSnapshot): number => [...progressLine(s)].filter((c) => c === '█').length;
    const empty = (s: ModelSnapshot): number => [...progressLine(s)].filter((c) => c === '░').length;
    const none = snapshot({ completed: 0 });
    const half = snapshot({ completed: 5 });
    const all = snapshot({ completed: 10, etaMs: 0 });
    expect(filled(none)).toBe(0);
    expect(filled(half)).toBe(empty(half));
    expect(empty(all)).toBe(0);
    expect(filled(all)).toBe(filled(none) + empty(none));
  });

  it('draws a full bar for a model with no tasks rather than dividing by zero', () => {
    const line = progressLine(snapshot({ total: 0, completed: 0, etaMs: null }));
    expect(line).toContain('0/0');
    expect(line).not.toContain('NaN');
    expect(line).not.toContain('░');
  });

  it('says the workers are starting before the first task', () => {
    const line = progressLine(snapshot({ model: 'gil-threads', state: 'starting' }));
    expect(line).toContain('gil-threads');
    expect(line).toMatch(/starting/);
  });

  it('lines the bars up whatever the model name', () => {
    const barAt = (s: ModelSnapshot): number => progressLine(s).search(/[█░]/);
    const columns = (['sequential', 'async', 'threads', 'gil-threads', 'processes'] as const).map((model) =>
      barAt(snapshot({ model })),
    );
    expect(new Set(columns).size).toBe(1);
  });
});

describe('ProgressBar', () => {
  it('redraws the live line in place, without a line break', () => {
    fakeClock();
    const { stream, writes } = fakeStream();
    new ProgressBar(stream).update(snapshot());
    expect(writes).toEqual([`${CLEAR_LINE}${progressLine(snapshot())}`]);
  });

  it('redraws at most every 100 ms', () => {
    const clock = fakeClock();
    const { stream, writes } = fakeStream();
    const bar = new ProgressBar(stream);
    bar.update(snapshot({ completed: 1 }));
    clock.advance(50);
    bar.update(snapshot({ completed: 2 }));
    clock.advance(49);
    bar.update(snapshot({ completed: 3 }));
    expect(writes).toHaveLength(1);
    clock.advance(1);
    bar.update(snapshot({ completed: 4 }));
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('4/10');
  });

  it('always draws a preparation step and a starting model, however soon', () => {
    fakeClock();
    const { stream, writes } = fakeStream();
    const bar = new ProgressBar(stream);
    bar.update(snapshot());
    bar.preparing('calibrating');
    bar.update(snapshot({ model: 'processes', state: 'starting' }));
    expect(writes).toHaveLength(3);
    expect(writes[1]).toBe(`${CLEAR_LINE}calibrating…`);
    expect(writes[2]).toContain('processes');
  });

  it('keeps a finished model on its own line, ending with a line break', () => {
    fakeClock();
    const { stream, writes } = fakeStream();
    const bar = new ProgressBar(stream);
    bar.update(snapshot({ model: 'processes' }));
    bar.finished(result());
    const line = writes.at(-1)!;
    expect(line.startsWith(CLEAR_LINE)).toBe(true);
    expect(line.endsWith('\n')).toBe(true);
    expect(line).toContain('✓');
    expect(line).toContain('processes');
    expect(line).toContain('8/8');
    expect(line).toContain('2.0 s');
  });

  it.each([
    ['cancelled', '■'],
    ['failed', '✗'],
  ] as const)('marks a %s model with %s', (state, mark) => {
    fakeClock();
    const { stream, writes } = fakeStream();
    new ProgressBar(stream).finished(result({ state, completed: 3 }));
    expect(writes[0]).toContain(mark);
    expect(writes[0]).toContain(state);
    expect(writes[0]).toContain('3/8');
  });

  it('does not clear the kept line of a finished model', () => {
    fakeClock();
    const { stream, writes } = fakeStream();
    const bar = new ProgressBar(stream);
    bar.update(snapshot());
    bar.finished(result());
    bar.clear();
    expect(writes).toHaveLength(2);
  });

  it('clears a live line once, and nothing when none is shown', () => {
    fakeClock();
    const { stream, writes } = fakeStream();
    const bar = new ProgressBar(stream);
    bar.clear();
    expect(writes).toEqual([]);
    bar.update(snapshot());
    bar.clear();
    bar.clear();
    expect(writes).toEqual([`${CLEAR_LINE}${progressLine(snapshot())}`, CLEAR_LINE]);
  });
});
