/**
 * The last few stored runs, newest first — races reopen in the Race view, lesson runs in their
 * lesson — counted as History counts them, with a link to History for the rest: the panel never
 * grows the page without limit.
 */
import { useId, type ReactNode } from 'react';
import type { HistoryItem } from '../../../../shared/views';
import { formatTimeOfDay } from '../../../../shared/format';
import { selectHistoryItems, selectShownRunId } from '../../store/history-slice';
import { selectRunActive } from '../../store/run-slice';
import { useController, useHistoryController, useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import './history.css';

/** How many runs the side panel lists; History has them all. */
export const SIDE_HISTORY_RUNS = 4;

/** A run damaged on disk: named, with what is wrong; History deletes it. */
function DamagedEntry({ item }: { readonly item: Extract<HistoryItem, { kind: 'damaged' }> }): ReactNode {
  return (
    <li className="history-entry">
      <div className="history-text">
        <p className="history-heading">
          <span className="history-title">
            {item.title || (item.was === 'race' ? 'damaged run' : 'damaged lesson run')}
          </span>
          <span className="muted">{formatTimeOfDay(item.startedAt)}</span>
          <span className="state-word state-failed">damaged</span>
        </p>
        <p className="history-verdict">{item.problem}</p>
      </div>
    </li>
  );
}

function HistoryEntry({ item }: { readonly item: Exclude<HistoryItem, { kind: 'damaged' }> }): ReactNode {
  const id = useId();
  const controller = useController();
  const history = useHistoryController();
  const shown = useLab((s) => selectShownRunId(s) === item.runId);
  const opening = useLab((s) => s.history.opening === item.runId);
  const active = useLab(selectRunActive);
  const race = item.kind === 'race';
  return (
    <li className={`history-entry${shown ? ' history-shown' : ''}`}>
      <div className="history-text">
        <p className="history-heading">
          <span id={`${id}-title`} className="history-title">
            {race ? item.scenario : item.title}
          </span>
          <span className="muted">{formatTimeOfDay(item.startedAt)}</span>
          {race ? (
            <span className={`state-word state-${item.state}`}>{item.state}</span>
          ) : (
            <span className="history-lesson-tag">lesson</span>
          )}
          {shown && <span className="badge">shown</span>}
        </p>
        <p id={`${id}-verdict`} className="history-verdict">
          {item.verdict}
        </p>
        {race && <p className="history-models muted">{item.models.join(', ')}</p>}
      </div>
      <button
        type="button"
        className="button button-small"
        aria-describedby={`${id}-title ${id}-verdict`}
        disabled={race && (active || opening)}
        title={race && active ? 'Wait for the run in progress to finish' : undefined}
        onClick={() => void (race ? controller.openRun(item.runId) : history.openLessonRun(item.runId))}
      >
        Open
      </button>
    </li>
  );
}

/** The history panel. */
export function HistoryPanel(): ReactNode {
  const items = useLab(selectHistoryItems);
  const error = useLab((s) => s.history.error);
  const viewChosen = useLab((s) => s.viewChosen);
  const latest = items.slice(0, SIDE_HISTORY_RUNS);
  return (
    <Panel
      title="History"
      className="history-panel"
      aside={items.length > 0 ? <span className="muted">{items.length} saved</span> : undefined}
    >
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState>Finished runs are listed here, ready to reopen.</EmptyState>
      ) : (
        <>
          <ol className="history-list" aria-label={`The latest ${latest.length} of ${items.length} runs`}>
            {latest.map((item) =>
              item.kind === 'damaged' ? (
                <DamagedEntry key={item.runId} item={item} />
              ) : (
                <HistoryEntry key={item.runId} item={item} />
              ),
            )}
          </ol>
          <button
            type="button"
            className="button button-small history-all"
            onClick={() => viewChosen('history')}
          >
            {items.length > latest.length ? `All ${items.length} runs in History` : 'Manage in History'}
          </button>
        </>
      )}
    </Panel>
  );
}
