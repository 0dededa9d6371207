import { describe, expect, it } from 'vitest';
import { selectConnectionNotice } from './connection-slice';
import { createLabStore } from './lab-store';

describe('connection notice', () => {
  it('says nothing while open, "connecting" at first, and "lost" after a drop', () => {
    const store = createLabStore();
    expect(selectConnectionNotice(store.getState())).toBe('connecting');
    store.getState().connectionChanged('closed');
    expect(selectConnectionNotice(store.getState())).toBe('unreachable');
    store.getState().connectionChanged('open');
    expect(selectConnectionNotice(store.getState())).toBeNull();
    store.getState().connectionChanged('closed');
    expect(selectConnectionNotice(store.getState())).toBe('lost');
    store.getState().connectionChanged('connecting');
    expect(selectConnectionNotice(store.getState())).toBe('lost');
  });
});
