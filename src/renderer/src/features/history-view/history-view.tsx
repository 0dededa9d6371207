/**
 * The History view: every stored run in a table, compared on one chart, deleted or exported; a run
 * opened from it shows its results in place, with Back to the list, at its own address (#history/<id>).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useLab } from '../../store/store-context';
import { ComparisonPanel } from './comparison-panel';
import { HistoryFooter } from './history-footer';
import { RunDetail } from './run-detail';
import { RunHistoryPanel } from './run-history-panel';
import { openButtonId } from './started-at';
import { useHistoryFragment } from './use-history-fragment';
import './history-view.css';

/** Gives focus back to a run's Open button when its detail is closed. */
function useFocusReturn(detailRunId: string | null): void {
  const opened = useRef<string | null>(null);
  useEffect(() => {
    if (detailRunId !== null) {
      opened.current = detailRunId;
      return;
    }
    if (opened.current !== null) document.getElementById(openButtonId(opened.current))?.focus();
    opened.current = null;
  }, [detailRunId]);
}

/** The view. */
export function HistoryView(): ReactNode {
  const detailRunId = useLab((s) => s.historyView.detail.runId);
  useFocusReturn(detailRunId);
  useHistoryFragment();
  return (
    <main className="app-main history-main">
      {detailRunId !== null ? (
        <RunDetail />
      ) : (
        <>
          <RunHistoryPanel />
          <ComparisonPanel />
          <HistoryFooter />
        </>
      )}
    </main>
  );
}
