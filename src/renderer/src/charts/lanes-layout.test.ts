import { describe, expect, it } from 'vitest';
import { snapshot } from '../test-support/fixtures';
import { describeLanes, layoutLanes, LANES_METRICS, laneHeight } from './lanes-layout';
import { zoomAround, FIT } from './lanes-viewport';

const metrics = { ...LANES_METRICS, width: 600 };

describe('layoutLanes', () => {
  it('gives each model a header and one row per lane, and a waiting header to models not started', () => {
    const layout = layoutLanes(
      { models: ['sequential', 'threads'], snapshots: { sequential: snapshot('sequential') } },
      metrics,
    );
    expect(layout.rows.map((r) => `${r.kind}:${r.model}`)).toEqual([
      'header:sequential',
      'lane:sequential',
      'lane:sequential',
      'header:threads',
    ]);
    expect(layout.rows.at(-1)).toMatchObject({ kind: 'header', state: 'waiting' });
  });

  it('shows how a model ended when it was cancelled before sending a snapshot', () => {
    const layout = layoutLanes(
      { models: ['threads'], snapshots: {}, finished: [{ model: 'threads', state: 'cancelled' }] },
      metrics,
    );
    expect(layout.rows[0]).toMatchObject({ kind: 'header', state: 'cancelled' });
  });

  it('puts rows top to bottom without overlap', () => {
    const layout = layoutLanes(
      {
        models: ['sequential', 'threads'],
        snapshots: { sequential: snapshot('sequential'), threads: snapshot('threads') },
      },
      metrics,
    );
    for (let i = 1; i < layout.rows.length; i++) {
      const previous = layout.rows[i - 1]!;
      expect(layout.rows[i]!.y).toBeGreaterThanOrEqual(previous.y + previous.height);
    }
    expect(layout.rows[0]!.y).toBe(layout.plotTop);
    expect(layout.height).toBeGreaterThanOrEqual(layout.plotBottom);
  });

  it('says how many lanes were left out', () => {
    const layout = layoutLanes(
      { models: ['async'], snapshots: { async: snapshot('async', { hiddenLanes: 936 }) } },
      metrics,
    );
    expect(layout.rows.at(-1)).toMatchObject({ kind: 'more', hidden: 936 });
  });

  it('adds the GIL holder track when the snapshot has one', () => {
    const gilTrack = [
      { lane: 0, start: 0, end: 5 },
      { lane: 1, start: 5, end: 10 },
    ];
    const layout = layoutLanes(
      { models: ['gil-threads'], snapshots: { 'gil-threads': { ...snapshot('gil-threads'), gilTrack } } },
      metrics,
    );
    expect(layout.rows[1]).toMatchObject({ kind: 'gil', model: 'gil-threads' });
    expect(layout.rows[2]).toMatchObject({ kind: 'lane', gilHue: true });
  });

  it('maps time 0 to the gutter and the domain end to the right edge', () => {
    const layout = layoutLanes({ models: ['threads'], snapshots: { threads: snapshot('threads') } }, metrics);
    expect(layout.shared.x(0)).toBe(metrics.gutter);
    expect(layout.shared.x(layout.shared.domainMs)).toBe(metrics.width - metrics.rightPad);
    expect(layout.shared.domainMs).toBeGreaterThanOrEqual(800);
  });

  it('shows the zoomed-in stretch across the plot, on every model the same', () => {
    const input = {
      models: ['sequential', 'async'] as const,
      snapshots: {
        sequential: snapshot('sequential', { elapsedMs: 20_000 }),
        async: snapshot('async', { elapsedMs: 2_000 }),
      },
    };
    const layout = layoutLanes(input, metrics, { viewport: zoomAround(FIT, 10, 0), axis: 'shared' });
    expect(layout.shared.fromMs).toBe(0);
    expect(layout.shared.toMs).toBe(2_000);
    expect(layout.scales.async).toBe(layout.shared);
    expect(layout.shared.x(2_000)).toBe(layout.plotRight);
    expect(layout.shared.ms(layout.plotLeft + (layout.plotRight - layout.plotLeft) / 2)).toBeCloseTo(
      1_000,
      9,
    );
  });

  it("gives each model its own axis under its header when asked: async's 2 s fill the width too", () => {
    const input = {
      models: ['sequential', 'async'] as const,
      snapshots: {
        sequential: snapshot('sequential', { elapsedMs: 20_000 }),
        async: snapshot('async', { elapsedMs: 2_000 }),
      },
    };
    const layout = layoutLanes(input, metrics, { viewport: FIT, axis: 'per-model' });
    expect(layout.scales.sequential!.toMs).toBe(20_000);
    expect(layout.scales.async!.toMs).toBe(2_000);
    expect(layout.rows.filter((row) => row.kind === 'axis').map((row) => row.model)).toEqual([
      'sequential',
      'async',
    ]);
    const header = layout.rows.findIndex((row) => row.kind === 'header' && row.model === 'async');
    expect(layout.rows[header + 1]).toMatchObject({ kind: 'axis', model: 'async' });
  });

  it('uses thinner lanes as there are more of them', () => {
    expect(laneHeight(2)).toBeGreaterThan(laneHeight(12));
    expect(laneHeight(12)).toBeGreaterThan(laneHeight(64));
  });
});

describe('describeLanes', () => {
  it('names each model, its lanes and state', () => {
    expect(
      describeLanes({ models: ['threads', 'processes'], snapshots: { threads: snapshot('threads') } }),
    ).toBe(
      'Lanes timeline, one lane per thread, process or async slot: threads 2 lanes (running); processes waiting.',
    );
  });
});
