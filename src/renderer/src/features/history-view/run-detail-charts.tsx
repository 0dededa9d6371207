/** The opened run's throughput and lanes, drawn by the Race view's charts from the stored snapshots. */
import { useRef, type ReactNode } from 'react';
import type { RunView } from '../../../../shared/views';
import type { LanesInput } from '../../charts/lanes-layout';
import { createThroughputChart } from '../../charts/throughput-chart';
import type { ThemeColors } from '../../charts/theme-colors';
import type { LabState } from '../../store/lab-store';
import { Panel } from '../../ui/panel';
import { useLab } from '../../store/store-context';
import { LanesLegend } from '../lanes/lanes-panel';
import { LanesTimeline } from '../lanes/lanes-timeline';
import '../throughput/throughput.css';
import type { StoreChart } from '../../charts/store-chart';
import { useStoreChart } from '../../charts/use-store-chart';

const NOTHING: LanesInput = { models: [], snapshots: {} };

const inputs = new WeakMap<RunView, LanesInput>();

/** What the race's charts need, from a stored run: its models, final snapshots and how each ended (the same object for the same view). */
export function lanesInputOf(view: RunView | null): LanesInput {
  if (!view) return NOTHING;
  const known = inputs.get(view);
  if (known) return known;
  const input: LanesInput = {
    runId: view.run.runId,
    models: view.run.results.map((result) => result.model),
    snapshots: Object.fromEntries(view.snapshots.map((snapshot) => [snapshot.model, snapshot])),
    finished: view.run.results,
  };
  inputs.set(view, input);
  return input;
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
const selectDetailView = (s: LabState): RunView | null => s.historyView.detail.view;
const selectDetailLanes = (s: LabState): LanesInput => lanesInputOf(selectDetailView(s));

/** Whether the opened run's rates follow the task time (runs saved before that used 1 s windows). */
const selectWindowFollowsTasks = (s: LabState): boolean =>
  s.historyView.detail.view?.snapshots.some((snapshot) => snapshot.throughputWindowMs !== undefined) ?? true;

/** Throughput over time of the opened run. */
export function DetailThroughput(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createStoredThroughput, selectDetailView);
  const followsTasks = useLab(selectWindowFollowsTasks);
  const aside = followsTasks
    ? 'tasks/s, each over a window of 2 × the task time'
    : 'tasks/s over 1 s windows';
  return (
    <Panel title="Throughput" enlargeable aside={<span className="muted">{aside}</span>}>
      <div className="chart-box">
        <canvas ref={canvasRef} role="img" aria-label="Throughput over time: no data yet." />
      </div>
    </Panel>
  );
}

/** The lanes timeline of the opened run: zoomable, each task explained on hover, like the live one. */
export function DetailLanes(): ReactNode {
  const hasGil = useLab(
    (s) =>
      selectDetailView(s)?.snapshots.some((snapshot) => snapshot.gilShares ?? snapshot.gilTrack) ?? false,
  );
  return (
    <Panel title="Lanes" enlargeable aside={<span className="muted">time since each model’s start</span>}>
      <LanesTimeline select={selectDetailLanes} />
      <LanesLegend gil={hasGil} />
    </Panel>
  );
}
