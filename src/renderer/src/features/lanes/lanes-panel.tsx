/** The lanes panel of a view's run: one lane per thread, process or async slot, zoomable, each task explained on hover. */
import { useMemo, type ReactNode } from 'react';
import type { LabState } from '../../store/lab-store';
import { selectLiveChartInput, selectRunOnScreen } from '../../store/run-slice';
import { useRunSlot } from '../../ui/run-slot';
import { MODELS } from '../../../../shared/models';
import { useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import { LanesTimeline } from './lanes-timeline';
import './lanes.css';

/** The legend under a lanes timeline; `gil` adds the GIL holder track's key. */
export function LanesLegend({ gil }: { readonly gil: boolean }): ReactNode {
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
          <span className="legend-key legend-gil" aria-hidden="true" /> GIL holder, coloured by lane: each
          turn, or each lane’s share where turns are thinner than a pixel
        </li>
      )}
    </ul>
  );
}

/** The lanes panel. */
export function LanesPanel(): ReactNode {
  const slot = useRunSlot();
  const select = useMemo(() => (s: LabState) => selectLiveChartInput(s, slot), [slot]);
  const hasModels = useLab((s) => selectRunOnScreen(s, slot).models.length > 0);
  const hasGil = useLab((s) => selectRunOnScreen(s, slot).models.some((model) => MODELS[model].gilTrack));
  return (
    <Panel title="Lanes" enlargeable aside={<span className="muted">time since each model’s start</span>}>
      {!hasModels && (
        <EmptyState>Each thread, process and async slot gets a lane here when a run starts.</EmptyState>
      )}
      <LanesTimeline select={select} hidden={!hasModels} />
      {hasModels && <LanesLegend gil={hasGil} />}
    </Panel>
  );
}
