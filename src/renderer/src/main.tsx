/** Starts the UI: one client (Electron IPC or WebSocket), one store, the controllers, the frame meter, then React. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createLabClient } from './api/lab-client';
import { App } from './app';
import { createJobController } from './controller/job-controller';
import { createLabController } from './controller/lab-controller';
import { pageJobs } from './features/responsiveness/page-jobs';
import { nextFrame, startFrameMeter } from './perf/frame-meter';
import { watchLongTasks } from './perf/long-task-watcher';
import { createLabStore } from './store/lab-store';
import { LabProvider } from './store/store-context';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';

const client = createLabClient();
const store = createLabStore();
const controller = createLabController(client, store);
controller.start();
const frameMeter = startFrameMeter((stats) => store.getState().framesMeasured(stats));
const jobs = createJobController(
  client,
  store,
  {
    frames: frameMeter,
    longTasks: watchLongTasks(),
    now: () => performance.now(),
    nextFrame,
    epochNow: () => Date.now(),
  },
  pageJobs,
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabProvider store={store} controller={controller} jobs={jobs} frameMeter={frameMeter}>
      <App transport={client.transport} />
    </LabProvider>
  </StrictMode>,
);
