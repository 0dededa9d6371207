/** The formats a finished run can be exported in, and an exported file. */

/** Formats a finished run can be exported in. */
export const EXPORT_FORMATS = ['csv', 'json', 'markdown', 'trace'] as const;

/** One of the export formats. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An exported run, ready to save. */
export interface ExportFile {
  readonly filename: string;
  readonly mimeType: string;
  readonly content: string;
}
