/** The table of every stored run and lesson run: a selection box, what ran, start, models, state, verdict, and Open. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { DamagedListItem, HistoryItem, LessonListItem, RunListItem } from '../../../../shared/views';
import { formatTimeOfDay } from '../../../../shared/format';
import {
  selectAllRunsSelected,
  selectRunSelected,
  selectShownHistoryItems,
  selectSomeRunsSelected,
} from '../../store/history-view-slice';
import { useHistoryController, useLab } from '../../store/store-context';
import { ModelSwatch } from '../../ui/model-swatch';
import { formatStartedAt, openButtonId } from './started-at';

function SelectAllBox(): ReactNode {
  const all = useLab(selectAllRunsSelected);
  const some = useLab(selectSomeRunsSelected);
  const toggled = useLab((s) => s.allRunsSelectionToggled);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // "Some selected" has no attribute: the mixed state is a DOM property.
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return <input ref={ref} type="checkbox" aria-label="Select all runs" checked={all} onChange={toggled} />;
}

/** The selection box and name cells every row starts with. */
function RowStart({
  item,
  name,
  settings,
}: {
  readonly item: HistoryItem;
  readonly name: string;
  readonly settings: string;
}): ReactNode {
  const selected = useLab((s) => selectRunSelected(s, item.runId));
  const toggled = useLab((s) => s.runSelectionToggled);
  return (
    <>
      <td className="history-select">
        <input
          type="checkbox"
          aria-label={`Select ${name} ${formatTimeOfDay(item.startedAt)}`}
          checked={selected}
          onChange={() => toggled(item.runId)}
        />
      </td>
      <th scope="row" id={`${openButtonId(item.runId)}-name`}>
        <span className="history-scenario">{name}</span>
        <span className="history-title muted">{item.title}</span>
        <span className="history-settings muted">{settings}</span>
      </th>
      <td className="history-started">{formatStartedAt(item.startedAt)}</td>
    </>
  );
}

function OpenButton({ runId, onOpen }: { readonly runId: string; readonly onOpen: () => void }): ReactNode {
  return (
    <td className="history-open">
      <button
        type="button"
        id={openButtonId(runId)}
        className="button button-small"
        aria-describedby={`${openButtonId(runId)}-name`}
        onClick={onOpen}
      >
        Open
      </button>
    </td>
  );
}

/** A lesson run: opens in its lesson, with what it measured. */
function LessonRow({ item }: { readonly item: LessonListItem }): ReactNode {
  const history = useHistoryController();
  const selected = useLab((s) => selectRunSelected(s, item.runId));
  return (
    <tr className={selected ? 'history-row-selected' : undefined} data-kind="lesson">
      <RowStart item={item} name={item.lesson} settings={item.settings} />
      <td>
        <span className="history-lesson-tag">lesson</span>
      </td>
      <td>
        <span className="state-word state-done">done</span>
      </td>
      <td className="history-verdict">{item.verdict}</td>
      <OpenButton runId={item.runId} onOpen={() => void history.openLessonRun(item.runId)} />
    </tr>
  );
}

function RunRow({ item }: { readonly item: RunListItem }): ReactNode {
  const history = useHistoryController();
  const selected = useLab((s) => selectRunSelected(s, item.runId));
  return (
    <tr className={selected ? 'history-row-selected' : undefined}>
      <RowStart item={item} name={item.scenario} settings={item.settings} />
      <td>
        <ul className="history-models" aria-label={`Models: ${item.models.join(', ')}`}>
          {item.models.map((model) => (
            <li key={model}>
              <ModelSwatch model={model} />
              {model}
            </li>
          ))}
        </ul>
      </td>
      <td>
        <span className={`state-word state-${item.state}`}>{item.state}</span>
      </td>
      <td className="history-verdict">{item.verdict}</td>
      <OpenButton runId={item.runId} onOpen={() => void history.openRun(item.runId)} />
    </tr>
  );
}

/** A run damaged on disk: what is wrong, and nothing to open; it can be selected and deleted. */
function DamagedRow({ item }: { readonly item: DamagedListItem }): ReactNode {
  const selected = useLab((s) => selectRunSelected(s, item.runId));
  return (
    <tr className={selected ? 'history-row-selected' : undefined} data-kind="damaged">
      <RowStart item={item} name={item.was === 'race' ? 'damaged run' : 'damaged lesson run'} settings="" />
      <td />
      <td>
        <span className="state-word state-failed">damaged</span>
      </td>
      <td className="history-verdict">{item.problem}</td>
      <td className="history-open" />
    </tr>
  );
}

/** The run history table: the runs the filter lists, newest first. */
export function RunHistoryTable(): ReactNode {
  const items = useLab(selectShownHistoryItems);
  return (
    <div className="table-scroll">
      <table className="history-table">
        <caption className="visually-hidden">Run history</caption>
        <thead>
          <tr>
            <th scope="col" className="history-select">
              <SelectAllBox />
            </th>
            <th scope="col">Scenario or lesson</th>
            <th scope="col">Started</th>
            <th scope="col">Models</th>
            <th scope="col">State</th>
            <th scope="col">Verdict</th>
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) =>
            item.kind === 'lesson' ? (
              <LessonRow key={item.runId} item={item} />
            ) : item.kind === 'damaged' ? (
              <DamagedRow key={item.runId} item={item} />
            ) : (
              <RunRow key={item.runId} item={item} />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
