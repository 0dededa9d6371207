/** The window: header, connection banner, setup and history beside the live views, and the system strip. */
import type { ReactNode } from 'react';
import { ConnectionBanner } from './features/connection-banner/connection-banner';
import { HistoryPanel } from './features/history/history-panel';
import { LanesPanel } from './features/lanes/lanes-panel';
import { RaceView } from './features/race/race-view';
import { ResultsPanel } from './features/results/results-panel';
import { RunSetup } from './features/run-setup/run-setup';
import { SystemStrip } from './features/system-strip/system-strip';
import { ThroughputPanel } from './features/throughput/throughput-panel';
import { useLab } from './store/store-context';

function MachineLine({ transport }: { readonly transport: 'electron' | 'websocket' }): ReactNode {
  const catalog = useLab((s) => s.catalog.value);
  if (!catalog) return null;
  const { machine, processKind } = catalog;
  return (
    <p className="machine">
      {machine.cores} cores · {machine.cpuModel} · Node {machine.node}
      {machine.electron ? ` · Electron ${machine.electron}` : ''} · processes via {processKind}
      {transport === 'websocket' && <span className="badge">browser mode</span>}
    </p>
  );
}

/** The whole UI. */
export function App({ transport }: { readonly transport: 'electron' | 'websocket' }): ReactNode {
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <span className="logo" aria-hidden="true" />
          Concurrency Lab
        </h1>
        <MachineLine transport={transport} />
      </header>
      <ConnectionBanner />
      <main className="app-main">
        <div className="column column-setup">
          <RunSetup />
          <HistoryPanel />
        </div>
        <div className="column column-live">
          <RaceView />
          <ThroughputPanel />
          <LanesPanel />
          <ResultsPanel />
        </div>
      </main>
      <SystemStrip />
    </div>
  );
}
