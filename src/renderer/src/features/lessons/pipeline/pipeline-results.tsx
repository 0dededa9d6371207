/** The pipeline's totals: items through each stage, the exactly-once check, backpressure and each consumer's share. */
import type { ReactNode } from 'react';
import type { PipelineResult } from '../../../../../shared/lessons/pipeline';
import { formatCount, formatDuration, formatPercent, formatRate } from '../../../../../shared/format';
import { useLab } from '../../../store/store-context';
import { Panel } from '../../../ui/panel';

function ExactlyOnce({ result }: { readonly result: PipelineResult }): ReactNode {
  const { check } = result;
  const ok = result.exactlyOnce;
  return (
    <p className={`answer-check answer-${ok ? 'ok' : 'wrong'}`} data-exactly-once={ok}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      <strong>Exactly once:</strong>{' '}
      {ok
        ? `every one of the ${formatCount(check.expected)} produced items has exactly one row`
        : `${formatCount(check.missing)} missing (${check.missingIds.join(', ') || '—'}), ${formatCount(check.duplicates)} duplicated (${check.duplicateIds.join(', ') || '—'}), ${formatCount(check.unknown)} unknown`}
      ; {formatCount(result.digestsChecked)} rows’ values recomputed, {formatCount(result.digestsWrong)}{' '}
      wrong.
    </p>
  );
}

/** The totals panel, once the lesson has finished. */
export function PipelineResults(): ReactNode {
  const result = useLab((s) => s.lessons.results.pipeline);
  if (!result) return null;
  const blockedShare = result.wallMs > 0 ? (100 * result.producerBlockedMs) / result.wallMs : 0;
  return (
    <Panel title="Totals" aside={<span className="muted">consumers on {result.carrier}</span>}>
      <dl className="lesson-facts">
        <div>
          <dt>Produced → consumed → written</dt>
          <dd>
            {formatCount(result.produced)} → {formatCount(result.consumed)} → {formatCount(result.written)}
          </dd>
        </div>
        <div>
          <dt>Rates over the run</dt>
          <dd>
            producer {formatRate(result.producerRate)} · consumers {formatRate(result.consumerRate)}
          </dd>
        </div>
        <div>
          <dt>Producer blocked (queue full)</dt>
          <dd>
            {formatDuration(result.producerBlockedMs)} — {formatPercent(blockedShare)} of{' '}
            {formatDuration(result.wallMs)}
          </dd>
        </div>
        <div>
          <dt>Queue peak</dt>
          <dd>
            {formatCount(result.maxQueueDepth)} of {formatCount(result.capacity)}
          </dd>
        </div>
        <div>
          <dt>Consumers</dt>
          <dd>
            {result.consumers.map((c) => `${c.label} ${formatCount(c.items)}`).join(' · ')} (start-up{' '}
            {formatDuration(result.startupMs)})
          </dd>
        </div>
      </dl>
      <ExactlyOnce result={result} />
    </Panel>
  );
}
