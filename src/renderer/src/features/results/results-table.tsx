/** The comparison table: Model, Total time, Speedup, Throughput, p95 latency, CPU util, Notes. */
import type { ReactNode } from 'react';
import type { ModelSummary } from '../../../../shared/views';
import { ModelSwatch } from '../../ui/model-swatch';
import { resultRows } from './results-rows';

/**
 * One body row per model, the fastest highlighted and badged "fastest". Where the table is narrow
 * (a lesson's column), the notes move from their own column to a line under each model's row, so
 * nothing hides behind a horizontal scrollbar; results.css switches between the two.
 */
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
            <th scope="col" className="notes-col">
              Notes
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => [
            <tr
              key={row.model}
              data-model={row.model}
              className={`${row.fastest ? 'row-fastest' : ''} row-${row.state}`}
            >
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
              <td className="notes notes-col">{row.notes}</td>
            </tr>,
            <tr
              key={`${row.model}-notes`}
              className={`notes-row ${row.fastest ? 'row-fastest' : ''} row-${row.state}`}
            >
              <td colSpan={6} className="notes">
                <span className="visually-hidden">Notes on {row.model}: </span>
                {row.notes}
              </td>
            </tr>,
          ])}
        </tbody>
      </table>
    </div>
  );
}
