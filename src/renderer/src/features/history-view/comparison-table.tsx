/** The comparison's numbers as a table: the chart's accessible alternative, one row per run. */
import type { ReactNode } from 'react';
import type { RunComparison } from '../../../../shared/compare-runs';
import { COMPARISON_METRICS, comparisonRows } from '../../charts/history-comparison-data';
import type { ComparisonMetric } from '../../store/history-view-slice';
import { ModelSwatch } from '../../ui/model-swatch';

/** Rows are runs (oldest first), columns are models; a gap says why it is one. */
export function ComparisonTable({
  comparison,
  metric,
}: {
  readonly comparison: RunComparison;
  readonly metric: ComparisonMetric;
}): ReactNode {
  const rows = comparisonRows(comparison, metric);
  return (
    <div className="table-scroll">
      <table className="results-table comparison-table">
        <caption className="visually-hidden">{COMPARISON_METRICS[metric].label} per model and run</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            {comparison.series.map((series) => (
              <th key={series.model} scope="col" className="num">
                <span className="model-cell">
                  <ModelSwatch model={series.model} />
                  {series.model}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.runId}>
              <th scope="row">
                <span className="comparison-run-label">{row.label}</span>
                <span className="comparison-run-description muted">{row.description}</span>
              </th>
              {row.cells.map((cell) => (
                <td key={cell.model} className={`num${cell.gap ? ' comparison-gap' : ''}`}>
                  {cell.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
