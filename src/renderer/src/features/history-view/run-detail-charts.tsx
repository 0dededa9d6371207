/** The opened run's throughput and lanes, drawn by the Race view's charts from the stored snapshots. */
import { useRef, type ReactNode } from 'react';
import type { RunView } from '../../../../shared/views';
import type { LanesInput } from '../../charts/lanes-layout';
import { createLanesRenderer } from '../../charts/lanes-renderer';
import { createThroughputChart } from '../../charts/throughput-chart';
import type { ThemeColors } from '../../charts/theme-colors';
import type { LabState } from '../../store/lab-store';
import { Panel } from '../../ui/panel';
import '../lanes/lanes.css';
import '../throughput/throughput.css';
import type { StoreChart } from '../../charts/store-chart';
import { useStoreChart } from '../../charts/use-store-chart';

const NOTHING: LanesInput = { models: [], snapshots: {} };

/** What the race's charts need, from a stored run: its models, final snapshots and how each ended. */
export function lanesInputOf(view: RunView | null): LanesInput {
  if (!view) return NOTHING;
  return {
    models: view.run.results.map((result) => result.model),
    snapshots: Object.fromEntries(view.snapshots.map((snapshot) => [snapshot.model, snapshot])),
    finished: view.run.results,
  };
}

/** A race chart fed with a stored run instead of the live run's snapshots. */
function fromStoredRun(
  create: (canvas: HTMLCanvasElement, colors: ThemeColors) => StoreChart<LanesInput>,
): (canvas: HTMLCanvasElement, colors: ThemeColors) => StoreChart<RunView | null> {
  return (canvas, colors) => {
    const chart = create(canvas, colors);
    return {
      update: (view) => chart.update(lanesInputOf(view)),
      setColors: (next) => chart.setColors(next),
      destroy: () => chart.destroy(),
      resize: chart.resize ? () => chart.resize?.() : undefined,
    };
  };
}

const createStoredThroughput = fromStoredRun(createThroughputChart);
const createStoredLanes = fromStoredRun(createLanesRenderer);
const selectDetailView = (s: LabState): RunView | null => s.historyView.detail.view;

/** Throughput over time of the opened run. */
export function DetailThroughput(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createStoredThroughput, selectDetailView);
  return (
    <Panel title="Throughput" aside={<span className="muted">tasks per second</span>}>
      <div className="chart-box">
        <canvas ref={canvasRef} role="img" aria-label="Throughput over time: no data yet." />
      </div>
    </Panel>
  );
}

/** The lanes timeline of the opened run. */
export function DetailLanes(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createStoredLanes, selectDetailView);
  return (
    <Panel title="Lanes" aside={<span className="muted">time since each model’s start</span>}>
      <div className="lanes-box">
        <canvas ref={canvasRef} role="img" aria-label="Lanes timeline: no run yet." />
      </div>
    </Panel>
  );
}
