/**
 * What the real CPython measured in a run, beside the simulated GIL's hold/wait/switch figures: for
 * each Python model, every figure with how it was measured, and each thread's or process's wall
 * time against the CPU time it got.
 */
import type { ReactNode } from 'react';
import { MODELS } from '../../../../shared/models';
import { formatCount, formatDuration, formatPercent } from '../../../../shared/format';
import { pythonFigures, type PythonRunStats } from '../../../../shared/python-run';
import type { ScenarioId } from '../../../../shared/scenarios';
import type { ModelSummary } from '../../../../shared/views';
import { ModelSwatch } from '../../ui/model-swatch';
import { PythonCodeButton } from './python-code';
import './python.css';

/** One Python model's figures: label, value, and how it was measured. */
export function PythonFigures({ stats }: { readonly stats: PythonRunStats }): ReactNode {
  return (
    <dl className="python-figures">
      {pythonFigures(stats).map((figure) => (
        <div key={figure.label}>
          <dt>{figure.label}</dt>
          <dd>
            <span className="python-value">{figure.value}</span>
            <span className="python-how">{figure.how}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Each thread's or process's busy time against the CPU time it got. */
export function PythonLaneTable({ stats }: { readonly stats: PythonRunStats }): ReactNode {
  const processes = stats.cpuSource === 'time.process_time';
  return (
    <div className="table-scroll">
      <table className="results-table python-lanes">
        <caption className="visually-hidden">
          Wall time and CPU time per {processes ? 'process' : 'thread'}
        </caption>
        <thead>
          <tr>
            <th scope="col">{processes ? 'Process' : 'Thread'}</th>
            <th scope="col" className="num">
              Tasks
            </th>
            <th scope="col" className="num">
              Busy
            </th>
            <th scope="col" className="num">
              CPU
            </th>
            <th scope="col" className="num">
              On a CPU
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.lanes.map((lane) => (
            <tr key={`${lane.lane ?? 'loop'}-${lane.label}`}>
              <th scope="row">{lane.label}</th>
              <td className="num">{formatCount(lane.tasks)}</td>
              <td className="num">{formatDuration(lane.busyMs)}</td>
              <td className="num">{formatDuration(lane.cpuMs)}</td>
              <td className="num" data-cpu-share={lane.busyMs > 0 ? lane.cpuMs / lane.busyMs : undefined}>
                {lane.busyMs > 0 ? formatPercent(Math.min(100, (100 * lane.cpuMs) / lane.busyMs)) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The run details' section on the Python models: one block per model that ran in CPython. */
export function PythonMeasurements({
  results,
  scenario,
}: {
  readonly results: readonly ModelSummary[];
  readonly scenario: ScenarioId;
}): ReactNode {
  const measured = results.filter((r) => r.python !== undefined);
  if (measured.length === 0) return null;
  return (
    <details className="python-measurements" open>
      <summary>
        Measured inside CPython <span className="muted">— {measured.map((r) => r.model).join(', ')}</span>
      </summary>
      {measured.map((result) => (
        <section
          key={result.model}
          className="python-model"
          aria-label={`Measured inside CPython: ${result.model}`}
        >
          <h3>
            <ModelSwatch model={result.model} /> {result.model}{' '}
            <span className="muted">· {MODELS[result.model].python}</span>
            <PythonCodeButton model={result.model} scenario={scenario} />
          </h3>
          <PythonFigures stats={result.python!} />
          <PythonLaneTable stats={result.python!} />
        </section>
      ))}
    </details>
  );
}
