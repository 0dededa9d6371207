/** Starts the UI: one client (Electron IPC or WebSocket), one store, one controller, then React. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createLabClient } from './api/lab-client';
import { App } from './app';
import { createLabController } from './controller/lab-controller';
import { startFrameMeter } from './perf/frame-meter';
import { createLabStore } from './store/lab-store';
import { LabProvider } from './store/store-context';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';

const client = createLabClient();
const store = createLabStore();
const controller = createLabController(client, store);
controller.start();
startFrameMeter((stats) => store.getState().framesMeasured(stats));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabProvider store={store} controller={controller}>
      <App transport={client.transport} />
    </LabProvider>
  </StrictMode>,
);
