/** The data-passing lesson's export sections: the round trips and the tiny message's latency; no trace (no timeline). */
import { formatBytes, formatCount, reportMs } from '../../../../shared/format';
import type { DataPassingResult } from '../../../../shared/lessons/data-passing';
import { markdownTable, oneLine, type LessonExportSections } from '../../reporters/lesson-sections';

/** The data-passing CSV columns. */
export const DATA_PASSING_CSV_COLUMNS = [
  'carrier',
  'mode',
  'bytes',
  'round_trip_ms',
  'ms_per_mb',
  'far_side_read_ms',
  'checksum_ok',
] as const;

/** The mode of the data-passing CSV rows that hold a tiny message's latency rather than a payload's. */
export const LATENCY_CSV_MODE = 'message-round-trip';

function dataPassingMarkdown(result: DataPassingResult): string[] {
  const lines = [
    '## Round trips',
    '',
    ...markdownTable(
      ['Carrier', 'Mode', 'Payload', 'Round trip (ms)', 'ms/MB', 'Far side read (ms)', 'Checksum'],
      [false, false, true, true, true, true, false],
      result.rows.map((r) => [
        r.carrier,
        r.mode,
        formatBytes(r.bytes),
        reportMs(r.ms),
        r.msPerMb.toFixed(2),
        reportMs(r.touchMs),
        r.ok ? 'ok' : 'WRONG',
      ]),
    ),
    '',
  ];
  if (result.latency.length > 0)
    lines.push(
      '## Latency of a tiny message',
      '',
      ...markdownTable(
        ['Carrier', 'Samples', 'Median (ms)', 'p95 (ms)'],
        [false, true, true, true],
        result.latency.map((l) => [
          l.carrier,
          formatCount(l.samples),
          reportMs(l.medianMs),
          reportMs(l.p95Ms),
        ]),
      ),
      '',
    );
  if (result.unsupported.length > 0)
    lines.push(
      '## What processes cannot do',
      '',
      ...result.unsupported.map((u) => `- **${u.carrier} · ${u.mode}**: ${oneLine(u.reason)}`),
      '',
    );
  return lines;
}

/** The data-passing lesson's export sections. */
export const dataPassingExport: LessonExportSections<DataPassingResult> = {
  csv: {
    columns: DATA_PASSING_CSV_COLUMNS,
    // The tiny-message latency follows the payload rows in the same columns: mode message-round-trip,
    // no payload size, its median round trip. Its p95 and sample count are in the JSON and Markdown.
    rows: (result) => [
      ...result.rows.map((r) => [r.carrier, r.mode, r.bytes, r.ms, r.msPerMb, r.touchMs, r.ok]),
      ...result.latency.map((l) => [l.carrier, LATENCY_CSV_MODE, null, l.medianMs, null, null, null]),
    ],
  },
  markdown: dataPassingMarkdown,
};
