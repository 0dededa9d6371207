/** Saves an exported run through the browser: a Blob URL on a temporary `<a download>`. */
import type { ExportFile } from '../../../../shared/export-formats';

/** Starts the download of `file` (Electron shows its save dialog; a browser saves to Downloads). */
export function downloadFile(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has queued the download; give it a moment before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
