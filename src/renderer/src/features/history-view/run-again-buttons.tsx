/** A stored run's way back into the lab: run it again with its settings, or load them into its view's form. */
import { useId, type ReactNode } from 'react';
import type { RunSummary } from '../../../../shared/views';
import { selectRunAgainBlocker, settingsPlace } from '../../store/run-settings';
import { useHistoryController, useLab } from '../../store/store-context';

/** Run again and Load settings, with where they go and why Run again waits, if it does. */
export function RunAgainButtons({ run }: { readonly run: RunSummary }): ReactNode {
  const id = useId();
  const history = useHistoryController();
  const blocker = useLab(selectRunAgainBlocker);
  const place = settingsPlace(run);
  return (
    <div className="run-again">
      <div className="button-row" role="group" aria-label="Run it again" aria-describedby={`${id}-where`}>
        <button
          type="button"
          className="button button-small button-primary"
          disabled={blocker !== null}
          title={blocker ?? `Runs it again in ${place}, with these settings`}
          onClick={() => void history.runAgain(run)}
        >
          Run again
        </button>
        <button
          type="button"
          className="button button-small"
          title={`Puts these settings in the form of ${place}, to change before running`}
          onClick={() => history.loadSettings(run)}
        >
          Load settings
        </button>
      </div>
      <p id={`${id}-where`} className="hint">
        {blocker ? `${blocker} ` : ''}In {place}, with these settings.
      </p>
    </div>
  );
}
