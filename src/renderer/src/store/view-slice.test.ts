import { describe, expect, it } from 'vitest';
import { createLabStore } from './lab-store';
import { FIRST_VIEW, selectCurrentView } from './view-slice';

describe('view slice', () => {
  it('starts on the first view and follows the choice', () => {
    const store = createLabStore();
    expect(selectCurrentView(store.getState())).toBe(FIRST_VIEW);
    const before = store.getState().view;
    store.getState().viewChosen(FIRST_VIEW);
    expect(store.getState().view).toBe(before);
    store.getState().viewChosen('gil-lesson');
    expect(selectCurrentView(store.getState())).toBe('gil-lesson');
  });
});
