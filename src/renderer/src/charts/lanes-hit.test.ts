import { describe, expect, it } from 'vitest';
import { snapshot } from '../test-support/fixtures';
import { hitTest, focusableRows } from './lanes-hit';
import { layoutLanes, LANES_METRICS } from './lanes-layout';
import { FIT, zoomAround } from './lanes-viewport';

const metrics = { ...LANES_METRICS, width: 612 };
const input = { models: ['threads'] as const, snapshots: { threads: snapshot('threads') } };

describe('hitTest', () => {
  it('names the lane and the time under the pointer', () => {
    const layout = layoutLanes(input, metrics);
    const lane = layout.rows.find((row) => row.kind === 'lane' && row.index === 1)!;
    const x = layout.shared.x(300);
    const hit = hitTest(layout, x, lane.y + 2);
    expect(hit).toMatchObject({ kind: 'lane', model: 'threads', lane: 1, label: 'thread 2' });
    expect(hit!.ms).toBeCloseTo(300, 9);
    expect(hit!.msPerPx).toBeCloseTo(layout.shared.domainMs / 488, 9);
  });

  it('finds nothing over the gutter or a header', () => {
    const layout = layoutLanes(input, metrics);
    expect(hitTest(layout, 10, layout.rows[1]!.y + 2)).toBeNull();
    expect(hitTest(layout, 300, layout.rows[0]!.y + 2)).toBeNull();
  });

  it('reads times on the zoomed axis', () => {
    const layout = layoutLanes(input, metrics, { viewport: zoomAround(FIT, 10, 0.5), axis: 'shared' });
    const lane = layout.rows.find((row) => row.kind === 'lane')!;
    const hit = hitTest(layout, layout.plotLeft, lane.y + 1)!;
    expect(hit.ms).toBeCloseTo(layout.shared.fromMs, 9);
    expect(hit.msPerPx).toBeCloseTo(layout.shared.domainMs / 10 / 488, 9);
  });

  it('lists the lanes a keyboard cursor steps through', () => {
    const layout = layoutLanes(input, metrics);
    expect(focusableRows(layout).map((i) => layout.rows[i]!.kind)).toEqual(['lane', 'lane']);
  });
});
