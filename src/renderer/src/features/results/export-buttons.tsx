/** Export the finished run as CSV, JSON, Markdown or Chrome trace JSON, saved through a download. */
import { useState, type ReactNode } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../shared/ipc';
import { useController } from '../../store/store-context';
import { downloadFile } from './download-file';

const LABELS: Readonly<Record<ExportFormat, string>> = {
  csv: 'Export CSV',
  json: 'Export JSON',
  markdown: 'Export Markdown',
  trace: 'Export trace',
};

const TITLES: Readonly<Record<ExportFormat, string>> = {
  csv: 'One line per model, for spreadsheets',
  json: 'Everything measured, including every task’s timeline',
  markdown: 'The comparison table and verdict, for notes and issues',
  trace: 'Chrome Trace Event JSON: open it in ui.perfetto.dev or chrome://tracing',
};

/** The four export buttons of one run, with the outcome announced politely. */
export function ExportButtons({ runId }: { readonly runId: string }): ReactNode {
  const controller = useController();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [status, setStatus] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  const exportAs = async (format: ExportFormat) => {
    setBusy(format);
    setStatus(null);
    const reply = await controller.exportRun(runId, format);
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
        {EXPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            title={TITLES[format]}
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
