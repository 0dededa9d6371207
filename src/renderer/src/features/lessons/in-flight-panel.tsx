/** Requests in flight, live: how many requests each model keeps waiting on the server at once. */
import { useRef, type ReactNode } from 'react';
import { createInFlightChart, type InFlightInput } from '../../charts/lesson-in-flight-chart';
import type { LabState } from '../../store/lab-store';
import { Panel } from '../../ui/panel';
import { shallow } from 'zustand/shallow';
import { useStoreChart } from '../../charts/use-store-chart';

function selectInFlight(s: LabState): InFlightInput {
  return {
    runId: s.run.runId ?? s.run.view?.run.runId ?? null,
    models: s.run.models,
    snapshots: s.run.snapshots,
  };
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
