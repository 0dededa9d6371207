/** How an export becomes a file: its extension, its MIME type, and a name that says what and when. */
import type { ExportFile, ExportFormat } from '../../../shared/export-formats';

/** Extension and MIME type of each export format. */
export const FILE_KINDS: Readonly<Record<ExportFormat, { readonly ext: string; readonly mimeType: string }>> =
  {
    csv: { ext: 'csv', mimeType: 'text/csv' },
    json: { ext: 'json', mimeType: 'application/json' },
    markdown: { ext: 'md', mimeType: 'text/markdown' },
    trace: { ext: 'trace.json', mimeType: 'application/json' },
  };

/** The file-name stamp of a start time: 2026-11-21-10-16-00. */
function stamp(startedAt: string): string {
  return startedAt.replace(/\.\d+Z$/, '').replace(/[:T]/g, '-');
}

/** `concurrency-lab-<subject>-<stamp>.<ext>`, with the format's MIME type. */
export function exportFile(
  subject: string,
  startedAt: string,
  format: ExportFormat,
  content: string,
): ExportFile {
  const kind = FILE_KINDS[format];
  return {
    filename: `concurrency-lab-${subject}-${stamp(startedAt)}.${kind.ext}`,
    mimeType: kind.mimeType,
    content,
  };
}
