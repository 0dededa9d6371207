/** Tells the user, from the first screen on, that the stored run history could not be opened. */
import type { ReactNode } from 'react';
import { selectHistoryNotice } from '../../store/history-view-slice';
import { useLab } from '../../store/store-context';
import { selectCurrentView } from '../../store/view-slice';
import './history-notice-banner.css';

/** Nothing normally; the engine's sentence and a Dismiss button when the history was moved aside. */
export function HistoryNoticeBanner(): ReactNode {
  const notice = useLab(selectHistoryNotice);
  const dismissed = useLab((s) => s.historyNoticeDismissed);
  const viewChosen = useLab((s) => s.viewChosen);
  const onHistory = useLab((s) => selectCurrentView(s) === 'history');
  if (notice === null) return null;
  return (
    <div className="history-notice" role="alert">
      <p>
        <strong>Run history:</strong> {notice}
      </p>
      <div className="button-row">
        {!onHistory && (
          <button type="button" className="button button-small" onClick={() => viewChosen('history')}>
            Show history
          </button>
        )}
        <button type="button" className="button button-small" onClick={dismissed}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
