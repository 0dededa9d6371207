import { describe, expect, it } from 'vitest';
import { snapshot } from '../test-support/fixtures';
import { describeLanes, layoutLanes, LANES_METRICS, laneHeight, tickLabel, timeTicks } from './lanes-layout';

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
    expect(layout.rows[1]).toMatchObject({ kind: 'gil', spans: gilTrack });
    expect(layout.rows[2]).toMatchObject({ kind: 'lane', gilHue: true });
  });

  it('maps time 0 to the gutter and the domain end to the right edge', () => {
    const layout = layoutLanes({ models: ['threads'], snapshots: { threads: snapshot('threads') } }, metrics);
    expect(layout.x(0)).toBe(metrics.gutter);
    expect(layout.x(layout.domainMs)).toBe(metrics.width - metrics.rightPad);
    expect(layout.domainMs).toBeGreaterThanOrEqual(800);
  });

  it('uses thinner lanes as there are more of them', () => {
    expect(laneHeight(2)).toBeGreaterThan(laneHeight(12));
    expect(laneHeight(12)).toBeGreaterThan(laneHeight(64));
  });
});

describe('time axis', () => {
  it('ticks at 1-2-5 steps', () => {
    expect(timeTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(timeTicks(2500)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(timeTicks(0)).toEqual([0]);
  });

  it('labels ticks in ms or s', () => {
    expect(tickLabel(0)).toBe('0');
    expect(tickLabel(250)).toBe('250 ms');
    expect(tickLabel(1500)).toBe('1.5 s');
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
