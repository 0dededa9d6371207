/** The view slice: which of the app's views (Race, Responsiveness, GIL lesson…) is on screen. */
import type { LabSliceCreator, LabState } from './lab-store';

/** The view shown when nothing else was chosen. */
export const FIRST_VIEW = 'race';

/** The view's part of the state and its event. */
export interface ViewSlice {
  readonly view: { readonly current: string };
  /** The user picked a view (the navigation, or the address's #fragment). */
  viewChosen(id: string): void;
}

/** Creates the view slice; which ids exist is the view list's business (views.tsx). */
export const createViewSlice: LabSliceCreator<ViewSlice> = (set) => ({
  view: { current: FIRST_VIEW },
  viewChosen: (id) => set((s) => (s.view.current === id ? {} : { view: { current: id } })),
});

/** The id of the view on screen. */
export const selectCurrentView = (s: LabState): string => s.view.current;
