/** The window: header with the views' navigation, connection banner, the view on screen, and the system strip. */
import type { ReactNode } from 'react';
import { ConnectionBanner } from './features/connection-banner/connection-banner';
import { ViewNav } from './features/navigation/view-nav';
import { PresenterControls } from './features/presenter/presenter-controls';
import { JoinControls, RoleBadge } from './features/room/join-panel';
import { RoomBar } from './features/room/room-bar';
import { SystemStrip } from './features/system-strip/system-strip';
import { selectCurrentView } from './store/view-slice';
import { useLab } from './store/store-context';
import { viewById, VIEWS } from './views';

function MachineLine({ transport }: { readonly transport: 'electron' | 'websocket' }): ReactNode {
  const catalog = useLab((s) => s.catalog.value);
  if (!catalog) return null;
  const { machine, processKind } = catalog;
  return (
    <p className="machine">
      {machine.cores} cores · {machine.cpuModel} · Node {machine.node}
      {machine.electron ? ` · Electron ${machine.electron}` : ''} · processes via {processKind}
      {transport === 'websocket' && <span className="badge">browser mode</span>}
      <RoleBadge />
    </p>
  );
}

/** The whole UI. */
export function App({ transport }: { readonly transport: 'electron' | 'websocket' }): ReactNode {
  const { Screen } = viewById(useLab(selectCurrentView));
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <span className="logo" aria-hidden="true" />
          Concurrency Lab
        </h1>
        <ViewNav views={VIEWS} />
        <MachineLine transport={transport} />
        <div className="header-controls">
          <JoinControls />
          <PresenterControls views={VIEWS} />
        </div>
      </header>
      <ConnectionBanner />
      <RoomBar />
      <Screen />
      <SystemStrip />
    </div>
  );
}
