/** A stored run opened in the History view: its results as the Race view shows them, a way to run it again, and a way back. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { RunView } from '../../../../shared/views';
import { useLab } from '../../store/store-context';
import { withoutBusyNotice } from '../../../../shared/machine-load';
import { BusyMachineNotice } from '../../ui/busy-machine-notice';
import { Panel } from '../../ui/panel';
import { ExportButtons } from '../results/export-buttons';
import { answerSummary } from '../results/results-rows';
import { ResultsTable } from '../results/results-table';
import { PythonMeasurements } from '../python/python-measurements';
import { RunFacts } from '../results/run-facts';
import '../results/results.css';
import { RunAgainButtons } from './run-again-buttons';
import { DetailLanes, DetailThroughput } from './run-detail-charts';
import { formatStartedAt } from './started-at';

function Results({ view }: { readonly view: RunView }): ReactNode {
  const answer = answerSummary(view.run.results, true);
  return (
    <Panel title="Results" className="results" aside={<span className="muted">{view.run.title}</span>}>
      <BusyMachineNotice load={view.run.load} />
      <p className="verdict">
        <span className="verdict-label">Verdict</span> {withoutBusyNotice(view.verdict, view.run.load)}
      </p>
      <ResultsTable
        results={view.run.results}
        caption={`Comparison of the models on ${view.run.title}`}
        final
      />
      <p
        className={`answer-check answer-${answer.ok === true ? 'ok' : answer.ok === false ? 'wrong' : 'none'}`}
      >
        <span aria-hidden="true">{answer.ok === true ? '✓' : answer.ok === false ? '✗' : '–'} </span>
        <strong>Answer check:</strong> {answer.text}
      </p>
      <PythonMeasurements results={view.run.results} scenario={view.run.scenario} />
      <RunFacts run={view.run} />
      <RunAgainButtons run={view.run} />
      <ExportButtons runId={view.run.runId} />
    </Panel>
  );
}

/** The opened run, or its loading or failure; Back returns to the list. */
export function RunDetail(): ReactNode {
  const detail = useLab((s) => s.historyView.detail);
  const closed = useLab((s) => s.runDetailClosed);
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), []);
  const { view } = detail;
  return (
    <>
      <div className="history-detail-bar">
        <button ref={backRef} type="button" className="button" onClick={closed}>
          <span aria-hidden="true">← </span>Back to history
        </button>
        {view && (
          <h2 className="history-detail-title">
            {view.run.scenario} <span className="muted">· started {formatStartedAt(view.run.startedAt)}</span>
          </h2>
        )}
      </div>
      {detail.status === 'loading' && (
        <p className="muted" role="status">
          Opening the run…
        </p>
      )}
      {detail.status === 'failed' && (
        <div className="alert" role="alert">
          <span>
            <strong>Could not open the run:</strong> {detail.error}
          </span>
        </div>
      )}
      {view && (
        <div className="history-detail">
          <Results view={view} />
          <DetailThroughput />
          <DetailLanes />
        </div>
      )}
    </>
  );
}
