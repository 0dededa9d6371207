/** The lanes timeline: one lane per thread, process or async slot, drawn on a canvas from the store. */
import { useMemo, useRef, type ReactNode } from 'react';
import { shallow } from 'zustand/shallow';
import { createLanesRenderer } from '../../charts/lanes-renderer';
import { useStoreChart } from '../../charts/use-store-chart';
import type { LabState } from '../../store/lab-store';
import { selectLiveChartInput, selectRunOnScreen } from '../../store/run-slice';
import { useRunSlot } from '../../ui/run-slot';
import { MODELS } from '../../../../shared/models';
import { useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import './lanes.css';

function Legend({ gil }: { readonly gil: boolean }): ReactNode {
  return (
    <ul className="lanes-legend" aria-label="Legend">
      <li>
        <span className="legend-key legend-busy" aria-hidden="true" /> task ran (colour of its model)
      </li>
      <li>
        <span className="legend-key legend-running" aria-hidden="true" /> running now
      </li>
      <li>
        <span className="legend-key legend-failed" aria-hidden="true" /> includes a failed task
      </li>
      {gil && (
        <li>
          <span className="legend-key legend-gil" aria-hidden="true" /> GIL holder, coloured by lane
        </li>
      )}
    </ul>
  );
}

/** The lanes panel. */
export function LanesPanel(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const slot = useRunSlot();
  const select = useMemo(() => (s: LabState) => selectLiveChartInput(s, slot), [slot]);
  useStoreChart(canvasRef, createLanesRenderer, select, shallow);
  const hasModels = useLab((s) => selectRunOnScreen(s, slot).models.length > 0);
  const hasGil = useLab((s) => selectRunOnScreen(s, slot).models.some((model) => MODELS[model].gilTrack));
  return (
    <Panel title="Lanes" aside={<span className="muted">time since each model’s start</span>}>
      {!hasModels && (
        <EmptyState>Each thread, process and async slot gets a lane here when a run starts.</EmptyState>
      )}
      <div className={`lanes-box${hasModels ? '' : ' hidden'}`}>
        <canvas ref={canvasRef} role="img" aria-label="Lanes timeline: no run yet." />
      </div>
      {hasModels && <Legend gil={hasGil} />}
    </Panel>
  );
}
