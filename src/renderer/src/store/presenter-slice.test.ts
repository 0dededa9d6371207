import { describe, expect, it } from 'vitest';
import { createLabStore } from './lab-store';
import { selectHelpOpen, selectPresenterOn } from './presenter-slice';

describe('presenter slice', () => {
  it('toggles presenter mode and forgets a full-screen refusal when toggled again', () => {
    const store = createLabStore();
    const s = () => store.getState();
    expect(selectPresenterOn(s())).toBe(false);
    s().presenterToggled();
    s().fullscreenRefused('Full screen was refused.');
    expect(s().presenter).toMatchObject({ on: true, fullscreenNote: 'Full screen was refused.' });
    s().presenterToggled();
    expect(s().presenter).toMatchObject({ on: false, fullscreenNote: null });
  });

  it('follows full screen as the browser reports it', () => {
    const store = createLabStore();
    store.getState().fullscreenRefused('no');
    store.getState().fullscreenChanged(true);
    expect(store.getState().presenter).toMatchObject({ fullscreen: true, fullscreenNote: null });
    const before = store.getState().presenter;
    store.getState().fullscreenChanged(true);
    expect(store.getState().presenter).toBe(before);
  });

  it('opens and closes the shortcuts overlay', () => {
    const store = createLabStore();
    store.getState().helpToggled();
    expect(selectHelpOpen(store.getState())).toBe(true);
    store.getState().helpClosed();
    expect(selectHelpOpen(store.getState())).toBe(false);
    const before = store.getState().presenter;
    store.getState().helpClosed();
    expect(store.getState().presenter).toBe(before);
  });
});
