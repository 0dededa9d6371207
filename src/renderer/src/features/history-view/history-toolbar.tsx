/** What can be done with the selected runs: compare, delete (after a confirmation), export. */
import { useRef, type ReactNode } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../shared/export-formats';
import {
  selectCanCompare,
  selectCanDelete,
  selectCanExport,
  selectSelectedLessonCount,
  selectSelectionHint,
} from '../../store/history-view-slice';
import { useHistoryController, useLab } from '../../store/store-context';
import { DeleteConfirmation } from './delete-confirmation';

const LABELS: Readonly<Record<ExportFormat, string>> = {
  csv: 'Export CSV',
  json: 'Export JSON',
  markdown: 'Export Markdown',
  trace: 'Export trace',
};

const WHAT: Readonly<Record<ExportFormat, string>> = {
  csv: 'one line per model and run, for spreadsheets',
  json: 'everything measured, including every task’s timeline',
  markdown: 'the comparison tables and verdicts, for notes and issues',
  trace: 'Chrome Trace Event JSON for ui.perfetto.dev or chrome://tracing',
};

function ExportButton({ format }: { readonly format: ExportFormat }): ReactNode {
  const history = useHistoryController();
  // Counts and booleans, not selectExportTarget: a selector must not build a new object on every call.
  const count = useLab((s) => s.historyView.selected.length);
  const lessons = useLab(selectSelectedLessonCount);
  const can = useLab((s) => selectCanExport(s, format));
  const exporting = useLab((s) => s.historyView.exporting);
  const scope = count > 1 ? `One combined file of the ${count} selected runs` : 'The selected run';
  const title =
    lessons > 0 && count > 1
      ? 'Lesson runs are exported one at a time: select just one'
      : lessons === 1 && !can
        ? 'This lesson has no timeline to trace: export CSV, JSON or Markdown'
        : `${scope}: ${WHAT[format]}`;
  return (
    <button
      type="button"
      className="button button-small"
      title={title}
      disabled={!can || exporting !== null}
      onClick={() => void history.exportSelection(format)}
    >
      {exporting === format ? 'Exporting…' : LABELS[format]}
    </button>
  );
}

function ExportButtons(): ReactNode {
  return (
    <div className="button-row" role="group" aria-label="Export the selection">
      {EXPORT_FORMATS.map((format) => (
        <ExportButton key={format} format={format} />
      ))}
    </div>
  );
}

/** The toolbar above the run table, with the outcome of the last action announced politely. */
export function HistoryToolbar(): ReactNode {
  const history = useHistoryController();
  const count = useLab((s) => s.historyView.selected.length);
  const canCompare = useLab(selectCanCompare);
  const canDelete = useLab(selectCanDelete);
  const comparing = useLab((s) => s.historyView.comparison.status === 'loading');
  const confirming = useLab((s) => s.historyView.confirmingDelete);
  const deleting = useLab((s) => s.historyView.deleting);
  const runsDeleteAsked = useLab((s) => s.runsDeleteAsked);
  const hint = useLab(selectSelectionHint);
  const outcome = useLab((s) => s.historyView.outcome);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  return (
    <div className="history-toolbar">
      <div className="history-actions">
        <p className="history-count" aria-live="polite">
          {count === 0 ? 'No runs selected' : `${count} selected`}
        </p>
        <div className="button-row" role="group" aria-label="Selected runs">
          <button
            type="button"
            className="button button-small button-primary"
            disabled={!canCompare || comparing}
            title={
              canCompare
                ? 'Total time, speedup and throughput of the selected runs on one chart'
                : 'Select two or more races of models'
            }
            onClick={() => void history.compareSelection()}
          >
            {comparing ? 'Comparing…' : 'Compare'}
          </button>
          <button
            ref={deleteRef}
            type="button"
            className="button button-small"
            disabled={!canDelete}
            aria-expanded={confirming}
            onClick={runsDeleteAsked}
          >
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
        </div>
        <ExportButtons />
      </div>
      {confirming && (
        <DeleteConfirmation
          onClosed={(answer) => (answer === 'kept' ? deleteRef : outcomeRef).current?.focus()}
        />
      )}
      <p
        ref={outcomeRef}
        tabIndex={-1}
        className={`hint history-outcome${outcome && !outcome.ok ? ' field-error' : ''}`}
        aria-live="polite"
      >
        {outcome?.text ?? hint}
      </p>
    </div>
  );
}
