/** Several stored runs on one chart: total time, speedup or throughput per model, grouped by run. */
import { useRef, type ReactNode } from 'react';
import { shallow } from 'zustand/shallow';
import { createComparisonChart, type ComparisonChartInput } from '../../charts/history-comparison-chart';
import { COMPARISON_METRICS, comparisonGaps, groupGaps } from '../../charts/history-comparison-data';
import type { LabState } from '../../store/lab-store';
import type { ComparisonMetric } from '../../store/history-view-slice';
import { useLab } from '../../store/store-context';
import { Panel } from '../../ui/panel';
import { ComparisonTable } from './comparison-table';
import { useStoreChart } from '../../charts/use-store-chart';
import './comparison.css';

const METRICS = Object.keys(COMPARISON_METRICS) as ComparisonMetric[];

const selectChartInput = (s: LabState): ComparisonChartInput => ({
  comparison: s.historyView.comparison.value,
  metric: s.historyView.metric,
});

const sameInput = (a: ComparisonChartInput, b: ComparisonChartInput): boolean => shallow(a, b);

function MetricToggle(): ReactNode {
  const metric = useLab((s) => s.historyView.metric);
  const chosen = useLab((s) => s.compareMetricChosen);
  return (
    <fieldset className="metric-toggle">
      <legend className="visually-hidden">Show</legend>
      {METRICS.map((option) => (
        <label key={option} className={option === metric ? 'metric-chosen' : undefined}>
          <input
            type="radio"
            name="comparison-metric"
            value={option}
            checked={option === metric}
            onChange={() => chosen(option)}
          />
          {COMPARISON_METRICS[option].label}
        </label>
      ))}
    </fieldset>
  );
}

function ComparisonChartBox(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createComparisonChart, selectChartInput, sameInput);
  return (
    <div className="comparison-chart-box" role="region" aria-label="Comparison chart">
      <canvas ref={canvasRef} role="img" aria-label="Comparison chart: nothing compared yet." />
    </div>
  );
}

function Loaded(): ReactNode {
  const comparison = useLab((s) => s.historyView.comparison.value);
  const metric = useLab((s) => s.historyView.metric);
  if (!comparison) return null;
  const gaps = groupGaps(comparisonGaps(comparison, metric));
  return (
    <>
      <div className="comparison-head">
        <p className="comparison-title">
          {comparison.title || 'Different scenarios'}
          <span className="muted"> · {comparison.runs.length} runs, oldest first</span>
        </p>
        <MetricToggle />
      </div>
      <ComparisonChartBox />
      {gaps.length > 0 && (
        <div className="comparison-gaps">
          <p className="hint">No bar where a model’s numbers do not count:</p>
          <ul>
            {gaps.map((gap) => (
              <li key={`${gap.runLabel} ${gap.reason}`}>
                <strong>{gap.runLabel}</strong>: {gap.models.join(', ')} — {gap.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ComparisonTable comparison={comparison} metric={metric} />
    </>
  );
}

/** The comparison panel, shown once Compare was pressed. */
export function ComparisonPanel(): ReactNode {
  const status = useLab((s) => s.historyView.comparison.status);
  const error = useLab((s) => s.historyView.comparison.error);
  const closed = useLab((s) => s.runsCompareClosed);
  if (status === 'idle') return null;
  return (
    <Panel
      title="Comparison"
      className="comparison"
      enlargeable
      aside={
        <button type="button" className="button button-small button-quiet" onClick={closed}>
          Close comparison
        </button>
      }
    >
      {status === 'loading' && (
        <p className="muted" role="status">
          Comparing the selected runs…
        </p>
      )}
      {status === 'failed' && (
        <div className="alert" role="alert">
          <span>
            <strong>Compare failed:</strong> {error}
          </span>
        </div>
      )}
      {status === 'loaded' && <Loaded />}
    </Panel>
  );
}
