/** The comparison table: Model, Total time, Speedup, Throughput, p95 latency, CPU util, Notes. */
import type { ReactNode } from 'react';
import type { ModelSummary } from '../../../../shared/ipc';
import { ModelSwatch } from '../../ui/model-swatch';
import { resultRows } from './results-rows';

/** One body row per model, the fastest highlighted and badged "fastest". */
export function ResultsTable({
  results,
  caption,
  final,
}: {
  readonly results: readonly ModelSummary[];
  readonly caption: string;
  /** False while models are still running: no "fastest" yet. */
  readonly final: boolean;
}): ReactNode {
  const rows = resultRows(results, final);
  return (
    <div className="table-scroll">
      <table className="results-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Total time
            </th>
            <th scope="col" className="num">
              Speedup
            </th>
            <th scope="col" className="num">
              Throughput
            </th>
            <th scope="col" className="num">
              p95 latency
            </th>
            <th scope="col" className="num">
              CPU util
            </th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.model} className={`${row.fastest ? 'row-fastest' : ''} row-${row.state}`}>
              <th scope="row">
                <span className="model-cell">
                  <ModelSwatch model={row.model} />
                  {row.model}
                </span>
              </th>
              <td className="num">
                {row.totalTime}
                {row.fastest && <span className="badge badge-fastest">fastest</span>}
              </td>
              <td className="num">{row.speedup}</td>
              <td className="num">{row.throughput}</td>
              <td className="num">{row.p95}</td>
              <td className="num">{row.cpu}</td>
              <td className="notes">{row.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
