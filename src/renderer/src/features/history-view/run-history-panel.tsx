/** The stored runs: the toolbar acting on the selection, the table, or why there is nothing to show. */
import type { ReactNode } from 'react';
import { selectHistoryItems } from '../../store/history-slice';
import { useHistoryController, useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import { selectShownHistoryItems } from '../../store/history-view-slice';
import { HistoryFilterBar } from './history-filter-bar';
import { HistoryToolbar } from './history-toolbar';
import { RunHistoryTable } from './run-history-table';

function ListBody(): ReactNode {
  const history = useHistoryController();
  const count = useLab((s) => selectHistoryItems(s).length);
  const status = useLab((s) => s.history.status);
  const error = useLab((s) => s.history.error);
  if (status === 'failed') {
    return (
      <div className="alert" role="alert">
        <span>
          <strong>Could not load the run history:</strong> {error}
        </span>
        <button type="button" className="button button-small" onClick={() => void history.reload()}>
          Try again
        </button>
      </div>
    );
  }
  if (count === 0) {
    return (
      <EmptyState>
        {status === 'loaded'
          ? 'No runs yet: run a scenario or a lesson and it appears here.'
          : 'Loading the run history…'}
      </EmptyState>
    );
  }
  return (
    <>
      <HistoryFilterBar />
      <HistoryToolbar />
      <FilteredTable />
    </>
  );
}

/** The table, or what to do when the filter lists nothing. */
function FilteredTable(): ReactNode {
  const shown = useLab((s) => selectShownHistoryItems(s).length);
  const changed = useLab((s) => s.historyFilterChanged);
  if (shown > 0) return <RunHistoryTable />;
  return (
    <EmptyState>
      No run matches this filter.{' '}
      <button
        type="button"
        className="button button-small button-quiet"
        onClick={() => changed({ scope: 'all', text: '' })}
      >
        Show every run
      </button>
    </EmptyState>
  );
}

/** The run history panel. */
export function RunHistoryPanel(): ReactNode {
  const count = useLab((s) => selectHistoryItems(s).length);
  return (
    <Panel
      title="Run history"
      className="history-runs"
      aside={
        count > 0 ? (
          <span className="muted">{count === 1 ? '1 run' : `${count} runs`}, newest first</span>
        ) : undefined
      }
    >
      <ListBody />
    </Panel>
  );
}
