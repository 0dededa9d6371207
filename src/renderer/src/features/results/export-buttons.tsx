/** Export a finished run as CSV, JSON, Markdown or Chrome trace JSON, saved through a download. */
import { useState, type ReactNode } from 'react';
import { type Reply } from '../../../../shared/ipc';
import { EXPORT_FORMATS, type ExportFile, type ExportFormat } from '../../../../shared/export-formats';
import { useController } from '../../store/store-context';
import { downloadFile } from './download-file';

const LABELS: Readonly<Record<ExportFormat, string>> = {
  csv: 'Export CSV',
  json: 'Export JSON',
  markdown: 'Export Markdown',
  trace: 'Export trace',
};

const RUN_TITLES: Readonly<Record<ExportFormat, string>> = {
  csv: 'One line per model, for spreadsheets',
  json: 'Everything measured, including every task’s timeline',
  markdown: 'The comparison table and verdict, for notes and issues',
  trace: 'Chrome Trace Event JSON: open it in ui.perfetto.dev or chrome://tracing',
};

const LESSON_TITLES: Readonly<Record<ExportFormat, string>> = {
  csv: 'The lesson’s main table, for spreadsheets',
  json: 'The request, everything measured and the checked claims',
  markdown: 'What to notice, checked, and the lesson’s tables, for notes',
  trace: 'Chrome Trace Event JSON: open it in ui.perfetto.dev or chrome://tracing',
};

/** The four export buttons of one race of models. */
export function ExportButtons({ runId }: { readonly runId: string }): ReactNode {
  const controller = useController();
  return <ExportButtonRow titles={RUN_TITLES} exportAs={(format) => controller.exportRun(runId, format)} />;
}

/** The export buttons of a saved lesson run: the formats its lesson has. */
export function LessonExportButtons({
  runId,
  formats,
}: {
  readonly runId: string;
  readonly formats: readonly ExportFormat[];
}): ReactNode {
  const controller = useController();
  return (
    <ExportButtonRow
      titles={LESSON_TITLES}
      formats={formats}
      exportAs={(format) => controller.exportHistory([runId], format)}
    />
  );
}

/** Export buttons with the outcome announced politely. */
function ExportButtonRow({
  titles,
  formats = EXPORT_FORMATS,
  exportAs: exportFile,
}: {
  readonly titles: Readonly<Record<ExportFormat, string>>;
  readonly formats?: readonly ExportFormat[];
  readonly exportAs: (format: ExportFormat) => Promise<Reply<ExportFile>>;
}): ReactNode {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  const exportAs = async (format: ExportFormat) => {
    setBusy(format);
    setStatus(null);
    const reply = await exportFile(format);
    setBusy(null);
    if (reply.ok) {
      downloadFile(reply.value);
      setStatus({ ok: true, text: `Saved ${reply.value.filename}` });
    } else {
      setStatus({ ok: false, text: `Export failed: ${reply.error.message}` });
    }
  };

  return (
    <div className="export">
      <div className="button-row">
        {formats.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            title={titles[format]}
            disabled={busy !== null}
            onClick={() => void exportAs(format)}
          >
            {LABELS[format]}
          </button>
        ))}
      </div>
      <p className={`hint${status && !status.ok ? ' field-error' : ''}`} aria-live="polite">
        {status?.text}
      </p>
    </div>
  );
}
