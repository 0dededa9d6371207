/** The Race view: setup and history beside the live race, throughput, lanes and results. */
import type { ReactNode } from 'react';
import { HistoryPanel } from '../history/history-panel';
import { LanesPanel } from '../lanes/lanes-panel';
import { ResultsPanel } from '../results/results-panel';
import { RunSetup } from '../run-setup/run-setup';
import { ThroughputPanel } from '../throughput/throughput-panel';
import { RunSlotProvider } from '../../ui/run-slot';
import { RaceView } from './race-view';

/** The race screen. */
export function RaceScreen(): ReactNode {
  return (
    <main className="app-main">
      <div className="column column-setup">
        <RunSetup />
        <HistoryPanel />
      </div>
      <div className="column column-live">
        <RunSlotProvider slot="race">
          <RaceView />
          <ThroughputPanel />
          <LanesPanel />
          <ResultsPanel />
        </RunSlotProvider>
      </div>
    </main>
  );
}
