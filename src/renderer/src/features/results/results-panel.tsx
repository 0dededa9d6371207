/** Results: the verdict, the comparison table, the answer check, what CPython measured, the run's settings and its exports. */
import type { ReactNode } from 'react';
import { selectRunOnScreen } from '../../store/run-slice';
import { useLab } from '../../store/store-context';
import { useRunSlot } from '../../ui/run-slot';
import { withoutBusyNotice } from '../../../../shared/machine-load';
import { BusyMachineNotice } from '../../ui/busy-machine-notice';
import { EmptyState, Panel } from '../../ui/panel';
import { ExportButtons } from './export-buttons';
import { ResultsTable } from './results-table';
import { answerSummary } from './results-rows';
import { PythonMeasurements } from '../python/python-measurements';
import { RunFacts } from './run-facts';
import './results.css';

function AnswerCheck({ ok, text }: ReturnType<typeof answerSummary>): ReactNode {
  const mark = ok === true ? '✓' : ok === false ? '✗' : '–';
  return (
    <p className={`answer-check answer-${ok === true ? 'ok' : ok === false ? 'wrong' : 'none'}`}>
      <span aria-hidden="true">{mark} </span>
      <strong>Answer check:</strong> {text}
    </p>
  );
}

/** The results panel. */
export function ResultsPanel(): ReactNode {
  const slot = useRunSlot();
  const { view, finished, phase } = useLab((s) => selectRunOnScreen(s, slot));
  const active = phase !== 'idle';
  const results = view?.run.results ?? finished;
  if (results.length === 0) {
    return (
      <Panel title="Results">
        <EmptyState>
          {active
            ? 'The comparison table fills in as each model finishes.'
            : 'Run a scenario to see the comparison table.'}
        </EmptyState>
      </Panel>
    );
  }
  return (
    <Panel
      title="Results"
      className="results"
      aside={view ? <span className="muted">{view.run.title}</span> : <span className="muted">so far</span>}
    >
      {view && <BusyMachineNotice load={view.run.load} />}
      {view && (
        <p className="verdict">
          <span className="verdict-label">Verdict</span> {withoutBusyNotice(view.verdict, view.run.load)}
        </p>
      )}
      <ResultsTable
        results={results}
        caption={view ? `Comparison of the models on ${view.run.title}` : 'Models finished so far'}
        final={view !== null}
      />
      <AnswerCheck {...answerSummary(results, view !== null)} />
      {view && <PythonMeasurements results={view.run.results} scenario={view.run.scenario} />}
      {view && <RunFacts run={view.run} />}
      {view && <ExportButtons runId={view.run.runId} />}
    </Panel>
  );
}
