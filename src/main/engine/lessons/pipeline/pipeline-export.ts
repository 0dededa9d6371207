/** The pipeline lesson's export sections: the live series, the totals and the exactly-once check, and the series as trace counters. */
import { formatCount, formatPercent, reportMs } from '../../../../shared/format';
import type { PipelineResult } from '../../../../shared/lessons/pipeline';
import {
  markdownTable,
  processMetadata,
  threadMetadata,
  us,
  type LessonExportSections,
} from '../../reporters/lesson-sections';
import type { TraceArgs, TraceEvent } from '../../reporters/trace';

/** The pipeline CSV columns. */
export const PIPELINE_CSV_COLUMNS = [
  'at_ms',
  'queue_depth',
  'produced',
  'consumed',
  'written',
  'producer_rate',
  'consumer_rate',
  'producer_blocked_ms',
] as const;

function idsText(ids: readonly number[], total: number): string {
  return `${ids.join(', ')}${total > ids.length ? ', …' : ''}`;
}

function pipelineMarkdown(result: PipelineResult): string[] {
  const blockedShare = result.wallMs > 0 ? (100 * result.producerBlockedMs) / result.wallMs : 0;
  const totals: [string, string][] = [
    ['Consumers', `${result.consumers.length} ${result.carrier}`],
    ['Queue capacity', formatCount(result.capacity)],
    ['Produced', formatCount(result.produced)],
    ['Consumed', formatCount(result.consumed)],
    ['Written', formatCount(result.written)],
    ['Start-up (ms)', reportMs(result.startupMs)],
    ['Wall (ms)', reportMs(result.wallMs)],
    ['Producer blocked (ms)', `${reportMs(result.producerBlockedMs)} (${formatPercent(blockedShare)})`],
    ['Deepest queue', formatCount(result.maxQueueDepth)],
    ['Producer rate (items/s)', formatCount(Math.round(result.producerRate))],
    ['Consumer rate (items/s)', formatCount(Math.round(result.consumerRate))],
  ];
  const check = result.check;
  const lines = [
    '## Totals',
    '',
    ...markdownTable(['Measure', 'Value'], [false, true], totals),
    '',
    '## Exactly once',
    '',
    `${result.exactlyOnce ? '✓ every produced item was written exactly once' : '✗ items were lost, duplicated or wrong'}: ${formatCount(check.rows)} rows for ${formatCount(check.expected)} items — ${formatCount(check.distinctIds)} distinct, ${formatCount(check.missing)} missing, ${formatCount(check.duplicates)} duplicated, ${formatCount(check.unknown)} unknown; ${formatCount(result.digestsWrong)} of ${formatCount(result.digestsChecked)} digests rechecked were wrong.`,
  ];
  if (check.missingIds.length > 0) lines.push('', `Missing ids: ${idsText(check.missingIds, check.missing)}`);
  if (check.duplicateIds.length > 0)
    lines.push('', `Duplicated ids: ${idsText(check.duplicateIds, check.duplicates)}`);
  lines.push('');
  if (result.consumers.length > 0)
    lines.push(
      '## Items per consumer',
      '',
      ...markdownTable(
        ['Consumer', 'Items'],
        [false, true],
        result.consumers.map((c) => [c.label, formatCount(c.items)]),
      ),
      '',
    );
  return lines;
}

/** One process, one "queue" thread, and the series as counters: depth, rates and items. */
function pipelineTrace(result: PipelineResult): TraceEvent[] {
  const pid = 1;
  const counter = (name: string, ts: number, args: TraceArgs): TraceEvent => ({
    name,
    cat: 'pipeline',
    ph: 'C',
    ts,
    pid,
    tid: 1,
    args,
  });
  return [
    ...processMetadata(
      pid,
      `pipeline · ${result.consumers.length} ${result.carrier} consumers, capacity ${result.capacity}`,
    ),
    ...threadMetadata(pid, 1, 'queue'),
    ...result.series.flatMap((p) => {
      const ts = us(Math.max(0, p.atMs));
      return [
        counter('queue depth', ts, { queued: p.queueDepth }),
        counter('rate (items/s)', ts, { producer: p.producerRate, consumer: p.consumerRate }),
        counter('items', ts, { produced: p.produced, consumed: p.consumed, written: p.written }),
      ];
    }),
  ];
}

/** The pipeline lesson's export sections. */
export const pipelineExport: LessonExportSections<PipelineResult> = {
  csv: {
    columns: PIPELINE_CSV_COLUMNS,
    rows: (result) =>
      result.series.map((p) => [
        p.atMs,
        p.queueDepth,
        p.produced,
        p.consumed,
        p.written,
        p.producerRate,
        p.consumerRate,
        p.producerBlockedMs,
      ]),
  },
  markdown: pipelineMarkdown,
  trace: pipelineTrace,
};
