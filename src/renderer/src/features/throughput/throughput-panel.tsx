/** Throughput over time: one line per model, drawn by chart.js, fed from the store imperatively. */
import { useMemo, useRef, type ReactNode } from 'react';
import { shallow } from 'zustand/shallow';
import { createThroughputChart } from '../../charts/throughput-chart';
import { useStoreChart } from '../../charts/use-store-chart';
import type { LabState } from '../../store/lab-store';
import { selectLiveChartInput, selectRunOnScreen } from '../../store/run-slice';
import { useRunSlot } from '../../ui/run-slot';
import { useLab } from '../../store/store-context';
import { Panel } from '../../ui/panel';
import './throughput.css';

/** The throughput panel; React renders it once per run at most, the chart updates on its own. */
export function ThroughputPanel(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const slot = useRunSlot();
  const select = useMemo(() => (s: LabState) => selectLiveChartInput(s, slot), [slot]);
  useStoreChart(canvasRef, createThroughputChart, select, shallow);
  const hasData = useLab((s) =>
    Object.values(selectRunOnScreen(s, slot).snapshots).some(
      (snapshot) => (snapshot?.throughput.length ?? 0) > 0,
    ),
  );
  return (
    <Panel
      title="Throughput"
      enlargeable
      aside={<span className="muted">tasks/s, each over a window of 2 × the task time</span>}
    >
      <div className={`chart-box${hasData ? '' : ' chart-box-empty'}`}>
        <canvas ref={canvasRef} role="img" aria-label="Throughput over time: no data yet." />
        {!hasData && <p className="chart-empty">Throughput appears here once tasks complete.</p>}
      </div>
    </Panel>
  );
}
