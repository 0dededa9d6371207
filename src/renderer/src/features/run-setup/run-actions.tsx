/** Run, Cancel and Reset, with the reason Run is disabled when it is. */
import type { ReactNode } from 'react';
import { selectLiveIn, selectRunActive } from '../../store/run-slice';
import { selectOffline } from '../../store/connection-slice';
import { selectRunBlocker } from '../../store/setup-slice';
import { useController, useLab } from '../../store/store-context';

/** The form's buttons; Run submits the form. */
export function RunActions(): ReactNode {
  const controller = useController();
  const active = useLab(selectRunActive);
  // Cancel cancels this view's run; a lesson's run is cancelled in its lesson.
  const mine = useLab((s) => selectLiveIn(s, 'race'));
  const phase = useLab((s) => s.run.phase);
  const blocker = useLab(selectRunBlocker);
  const defaultsRestored = useLab((s) => s.defaultsRestored);
  const offline = useLab(selectOffline);
  return (
    <div className="run-actions">
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={blocker !== null}>
          Run
        </button>
        <button
          type="button"
          className="button"
          disabled={!mine || phase === 'cancelling' || offline}
          title={mine && offline ? 'Not connected to the engine' : undefined}
          onClick={() => void controller.cancelRun()}
        >
          Cancel
        </button>
        <button type="button" className="button button-quiet" disabled={active} onClick={defaultsRestored}>
          Reset to defaults
        </button>
      </div>
      <p className="hint run-blocker" aria-live="polite">
        {mine && phase === 'cancelling'
          ? 'Cancelling…'
          : mine
            ? offline
              ? 'Not connected to the engine.'
              : null
            : blocker}
      </p>
    </div>
  );
}
