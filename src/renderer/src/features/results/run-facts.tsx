/** What the run was: scenario and knobs, pools, and the machine it was measured on. */
import type { ReactNode } from 'react';
import type { RunSummary } from '../../../../shared/views';
import { formatKnobNumber } from '../../../../shared/knobs';
import { formatTimeOfDay } from '../../../../shared/format';
import { MODELS } from '../../../../shared/models';
import { poolFacts } from '../../../../shared/pool';

/** A description list of the run's settings. */
export function RunFacts({ run }: { readonly run: RunSummary }): ReactNode {
  const params = Object.entries(run.params)
    .map(([key, value]) => `${key} ${formatKnobNumber(value)}`)
    .join(' · ');
  const { machine } = run;
  const pools = poolFacts(
    run.pool,
    run.results.flatMap((result) => MODELS[result.model].poolKnobs),
  );
  return (
    <dl className="run-facts">
      <div>
        <dt>Scenario</dt>
        <dd>
          {run.scenario} — {params} <span className="muted">(started {formatTimeOfDay(run.startedAt)})</span>
        </dd>
      </div>
      <div>
        <dt>Pools</dt>
        <dd>{pools || 'none: every model ran on the calling thread'}</dd>
      </div>
      <div>
        <dt>Machine</dt>
        <dd>
          {machine.cores} cores · {machine.cpuModel} · {machine.platform} {machine.arch} · Node {machine.node}
          {machine.electron ? ` · Electron ${machine.electron}` : ''}
        </dd>
      </div>
    </dl>
  );
}
