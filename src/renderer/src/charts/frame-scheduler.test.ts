import { describe, expect, it, vi } from 'vitest';
import { createFrameScheduler } from './frame-scheduler';

describe('createFrameScheduler', () => {
  it('draws once per frame however many times it is asked', () => {
    const frames: (() => void)[] = [];
    const draw = vi.fn();
    const scheduler = createFrameScheduler(draw, (cb) => frames.push(cb), vi.fn());
    scheduler.request();
    scheduler.request();
    scheduler.request();
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(draw).toHaveBeenCalledTimes(1);
    scheduler.request();
    expect(frames).toHaveLength(2);
  });

  it('drops a pending draw when cancelled', () => {
    const cancel = vi.fn();
    const scheduler = createFrameScheduler(vi.fn(), () => 7, cancel);
    scheduler.request();
    scheduler.cancel();
    expect(cancel).toHaveBeenCalledWith(7);
  });
});
