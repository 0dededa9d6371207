import { describe, expect, it } from 'vitest';
import { measuringContext } from '../test-support/measuring-context';
import { arriveAndWait } from './start-barrier';

describe('arriveAndWait', () => {
  it('lets everyone go once the last party arrives', async () => {
    const view = new Int32Array(new SharedArrayBuffer(4));
    const first = arriveAndWait(view, 0, 2, measuringContext());
    await arriveAndWait(view, 0, 2, measuringContext());
    await first;
    expect(view[0]).toBe(2);
  });

  it('gives up with a clear message when the others never come', async () => {
    const view = new Int32Array(new SharedArrayBuffer(4));
    await expect(arriveAndWait(view, 0, 3, measuringContext(), 50)).rejects.toThrow(
      /only 1 of 3 workers arrived within 50 ms/,
    );
  });
});
