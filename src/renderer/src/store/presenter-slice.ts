/** The presenter slice: presenter mode (larger type, high-contrast charts, full screen) and the shortcuts overlay. */
import type { LabSliceCreator, LabState } from './lab-store';

/** The presenter's part of the state. */
export interface PresenterState {
  readonly on: boolean;
  /** Whether the page is in full screen (the browser decides; this follows it). */
  readonly fullscreen: boolean;
  /** Set when full screen was asked for and refused: what to do instead, in words. */
  readonly fullscreenNote: string | null;
  readonly helpOpen: boolean;
}

/** The presenter's state and events. */
export interface PresenterSlice {
  readonly presenter: PresenterState;
  presenterToggled(): void;
  fullscreenChanged(fullscreen: boolean): void;
  fullscreenRefused(note: string): void;
  helpToggled(): void;
  helpClosed(): void;
}

/** Creates the presenter slice. */
export const createPresenterSlice: LabSliceCreator<PresenterSlice> = (set) => ({
  presenter: { on: false, fullscreen: false, fullscreenNote: null, helpOpen: false },
  presenterToggled: () =>
    set((s) => ({ presenter: { ...s.presenter, on: !s.presenter.on, fullscreenNote: null } })),
  fullscreenChanged: (fullscreen) =>
    set((s) =>
      s.presenter.fullscreen === fullscreen
        ? {}
        : {
            presenter: {
              ...s.presenter,
              fullscreen,
              fullscreenNote: fullscreen ? null : s.presenter.fullscreenNote,
            },
          },
    ),
  fullscreenRefused: (note) => set((s) => ({ presenter: { ...s.presenter, fullscreenNote: note } })),
  helpToggled: () => set((s) => ({ presenter: { ...s.presenter, helpOpen: !s.presenter.helpOpen } })),
  helpClosed: () =>
    set((s) => (s.presenter.helpOpen ? { presenter: { ...s.presenter, helpOpen: false } } : {})),
});

/** Whether presenter mode is on. */
export const selectPresenterOn = (s: LabState): boolean => s.presenter.on;

/** Whether the shortcuts overlay is open. */
export const selectHelpOpen = (s: LabState): boolean => s.presenter.helpOpen;
