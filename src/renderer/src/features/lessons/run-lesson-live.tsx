/** A run lesson's live side: the race's own pieces (progress, throughput, lanes, results) once its run is on screen. */
import type { ReactNode } from 'react';
import { selectFormRunOnScreen } from '../../store/lessons-slice';
import type { RunFormId } from '../../store/lessons-slice-forms';
import { useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import { RunSlotProvider } from '../../ui/run-slot';
import { LanesPanel } from '../lanes/lanes-panel';
import { RaceView } from '../race/race-view';
import { ResultsPanel } from '../results/results-panel';
import { ThroughputPanel } from '../throughput/throughput-panel';

/** Progress rows, the lesson's own visual, throughput, lanes and the comparison table. */
export function RunLessonLive({
  form,
  visual,
}: {
  readonly form: RunFormId;
  /** The lesson's own live visual, shown under the progress rows. */
  readonly visual?: ReactNode;
}): ReactNode {
  const onScreen = useLab((s) => selectFormRunOnScreen(s, form));
  if (!onScreen) {
    return (
      <Panel title="Race">
        <EmptyState>Press Run: every model races on the same tasks, one after another, live here.</EmptyState>
      </Panel>
    );
  }
  return (
    <RunSlotProvider slot={form}>
      <RaceView />
      {visual}
      <ThroughputPanel />
      <LanesPanel />
      <ResultsPanel />
    </RunSlotProvider>
  );
}
