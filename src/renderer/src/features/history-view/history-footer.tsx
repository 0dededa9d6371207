/** Where the history and the results log live, or that this session's runs are not kept. */
import type { ReactNode } from 'react';
import { useLab } from '../../store/store-context';

/** A small footer under the History view. */
export function HistoryFooter(): ReactNode {
  const catalog = useLab((s) => s.catalog.value);
  // The notice stays here once its banner was dismissed.
  const dismissed = useLab((s) => s.historyView.noticeDismissed);
  if (!catalog) return null;
  const { historyFile, logFile, historyNotice } = catalog;
  return (
    <footer className="history-footer">
      <dl>
        <div>
          <dt>History</dt>
          <dd>{historyFile ? <code>{historyFile}</code> : 'This session only — runs are not saved'}</dd>
        </div>
        <div>
          <dt>Results log</dt>
          <dd>{logFile ? <code>{logFile}</code> : 'none'}</dd>
        </div>
      </dl>
      {historyNotice && dismissed && <p className="history-footer-notice">{historyNotice}</p>}
    </footer>
  );
}
