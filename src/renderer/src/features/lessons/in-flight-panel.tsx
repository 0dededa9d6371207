/** Requests in flight, live: how many requests each model keeps waiting on the server at once. */
import { useRef, type ReactNode } from 'react';
import { createInFlightChart, type InFlightInput } from '../../charts/lesson-in-flight-chart';
import type { LabState } from '../../store/lab-store';
import { selectRunOnScreen } from '../../store/run-slice';
import { Panel } from '../../ui/panel';
import { shallow } from 'zustand/shallow';
import { useStoreChart } from '../../charts/use-store-chart';

/** The in-flight chart's input from the HTTP lesson's own run. */
function selectInFlight(s: LabState): InFlightInput {
  const run = selectRunOnScreen(s, 'http-requests');
  return { runId: run.runId ?? run.view?.run.runId ?? null, models: run.models, snapshots: run.snapshots };
}

/** The in-flight chart panel. */
export function InFlightPanel(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createInFlightChart, selectInFlight, shallow);
  return (
    <Panel title="Requests in flight" enlargeable aside={<span className="muted">per model, live</span>}>
      <div className="chart-box lesson-chart-box">
        <canvas ref={canvasRef} role="img" aria-label="Requests in flight over time: no run yet." />
      </div>
      <p className="hint">
        sequential keeps one request open; a pool, one per worker; async, up to its concurrency limit.
      </p>
    </Panel>
  );
}
