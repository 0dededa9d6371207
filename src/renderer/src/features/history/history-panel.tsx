/** The stored races, newest first, each re-openable in the Race view; the History view manages them. */
import { useId, useMemo, type ReactNode } from 'react';
import type { RunListItem } from '../../../../shared/views';
import { formatTimeOfDay } from '../../../../shared/format';
import { selectHistoryItems, selectShownRunId } from '../../store/history-slice';
import { selectRunActive } from '../../store/run-slice';
import { useController, useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import './history.css';

function HistoryEntry({ item }: { readonly item: RunListItem }): ReactNode {
  const id = useId();
  const controller = useController();
  const shown = useLab((s) => selectShownRunId(s) === item.runId);
  const opening = useLab((s) => s.history.opening === item.runId);
  const active = useLab(selectRunActive);
  return (
    <li className={`history-entry${shown ? ' history-shown' : ''}`}>
      <div className="history-text">
        <p className="history-heading">
          <span id={`${id}-title`} className="history-title">
            {item.scenario}
          </span>
          <span className="muted">{formatTimeOfDay(item.startedAt)}</span>
          <span className={`state-word state-${item.state}`}>{item.state}</span>
          {shown && <span className="badge">shown</span>}
        </p>
        <p id={`${id}-verdict`} className="history-verdict">
          {item.verdict}
        </p>
        <p className="history-models muted">{item.models.join(', ')}</p>
      </div>
      <button
        type="button"
        className="button button-small"
        aria-describedby={`${id}-title ${id}-verdict`}
        disabled={active || opening}
        title={active ? 'Wait for the run in progress to finish' : undefined}
        onClick={() => void controller.openRun(item.runId)}
      >
        Open
      </button>
    </li>
  );
}

/** The history panel. */
export function HistoryPanel(): ReactNode {
  const all = useLab(selectHistoryItems);
  // Lesson runs open in their lesson: the History view lists them.
  const items = useMemo(() => all.filter((item): item is RunListItem => item.kind === 'race'), [all]);
  const error = useLab((s) => s.history.error);
  const viewChosen = useLab((s) => s.viewChosen);
  return (
    <Panel
      title="History"
      className="history-panel"
      aside={
        items.length > 0 ? (
          <>
            <span className="muted">{items.length} saved</span>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => viewChosen('history')}
            >
              Manage in History
            </button>
          </>
        ) : undefined
      }
    >
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState>Finished runs are listed here, ready to reopen.</EmptyState>
      ) : (
        <ol className="history-list">
          {items.map((item) => (
            <HistoryEntry key={item.runId} item={item} />
          ))}
        </ol>
      )}
    </Panel>
  );
}
