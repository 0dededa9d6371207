/** The header's presenter controls: the "Presenter mode" toggle, the shortcuts button, and the overlay, app-wide. */
import { useMemo, type ReactNode } from 'react';
import { selectPresenterOn } from '../../store/presenter-slice';
import { useLab } from '../../store/store-context';
import { HelpOverlay } from './help-overlay';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';
import { enterFullscreen, leaveFullscreen, usePresenterMode } from './use-presenter-mode';
import './presenter.css';

function PresenterToggle(): ReactNode {
  const on = useLab(selectPresenterOn);
  const note = useLab((s) => s.presenter.fullscreenNote);
  const presenterToggled = useLab((s) => s.presenterToggled);
  const fullscreenRefused = useLab((s) => s.fullscreenRefused);
  const toggle = () => {
    presenterToggled();
    if (on) return leaveFullscreen();
    // Full screen must be asked for inside the click: browsers refuse it without a user gesture.
    void enterFullscreen().then((why) => {
      if (why !== null) fullscreenRefused(why);
    });
  };
  return (
    <>
      <button
        type="button"
        className="button button-small presenter-toggle"
        aria-pressed={on}
        aria-describedby={note ? 'presenter-note' : undefined}
        onClick={toggle}
      >
        Presenter mode
      </button>
      {on && note && (
        <span id="presenter-note" className="presenter-note" role="status">
          {note}
        </span>
      )}
    </>
  );
}

/** Toggle, shortcuts button and overlay; installs the shortcuts for `views` (ids in navigation order). */
export function PresenterControls({
  views,
}: {
  readonly views: readonly { readonly id: string }[];
}): ReactNode {
  usePresenterMode();
  useKeyboardShortcuts(useMemo(() => views.map((view) => view.id), [views]));
  const helpToggled = useLab((s) => s.helpToggled);
  return (
    <div className="presenter-controls">
      <PresenterToggle />
      <button
        type="button"
        className="button button-small shortcuts-button"
        aria-label="Keyboard shortcuts"
        aria-keyshortcuts="?"
        title="Keyboard shortcuts (?)"
        onClick={helpToggled}
      >
        ?
      </button>
      <HelpOverlay />
    </div>
  );
}
