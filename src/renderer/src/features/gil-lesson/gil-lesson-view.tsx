/**
 * The GIL lesson view: the text and the measured speedups, the two comparisons and the switch interval,
 * the simulated GIL per lane and the real one measured in CPython, beside the race's live pieces
 * (progress, lanes with the GIL holder, results).
 */
import type { ReactNode } from 'react';
import { LanesPanel } from '../lanes/lanes-panel';
import { RaceView } from '../race/race-view';
import { ResultsPanel } from '../results/results-panel';
import { RunSlotProvider } from '../../ui/run-slot';
import { GilControls } from './gil-controls';
import { GilExplainer } from './gil-explainer';
import { GilLaneTable } from './gil-lane-table';
import { GilRealTable } from './gil-real-table';
import './gil-lesson.css';

/** The view. */
export function GilLessonView(): ReactNode {
  return (
    <main className="app-main gil-main">
      <div className="column column-setup">
        {/* Run first, so that it is on screen beside the race on a projector or a laptop; the why follows. */}
        <GilControls />
        <GilExplainer />
        <GilLaneTable />
        <GilRealTable />
      </div>
      <div className="column column-live">
        <RunSlotProvider slot="gil-lesson">
          <RaceView emptyText="Press “Run the CPU comparison” or “Run the I/O comparison”: each model’s progress appears here, live." />
          <LanesPanel />
          <ResultsPanel />
        </RunSlotProvider>
      </div>
    </main>
  );
}
