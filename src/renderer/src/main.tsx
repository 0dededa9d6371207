/** Starts the UI: one client (Electron IPC or WebSocket), one store, the controllers, the frame meter, then React. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { TimelineTasksRequest, TimelineWindowRequest } from '../../shared/timeline';
import { createLabClient } from './api/lab-client';
import { App } from './app';
import { createClusterController } from './controller/cluster-controller';
import { createHistoryController } from './controller/history-controller';
import { createJobController } from './controller/job-controller';
import { createLabController } from './controller/lab-controller';
import { createLessonController } from './controller/lesson-controller';
import { createRoomController } from './controller/room-controller';
import { HistoryNoticeBanner } from './features/history-view/history-notice-banner';
import { pageJobs } from './features/responsiveness/page-jobs';
import { downloadFile } from './features/results/download-file';
import { nextFrame, startFrameMeter } from './perf/frame-meter';
import { watchLongTasks } from './perf/long-task-watcher';
import { createLabStore } from './store/lab-store';
import { LabProvider } from './store/store-context';
import './styles/theme.css';
import 'virtual:model-colors.css';
import './styles/base.css';
import './styles/layout.css';

const client = createLabClient();
const store = createLabStore();
const controller = createLabController(client, store);
controller.start();
const lessons = createLessonController(client, store, controller);
lessons.start();
const history = createHistoryController(client, store, downloadFile, {
  requestRun: () => controller.requestRun(),
  startComparison: (kind) => controller.startComparison(kind),
  runLesson: (id) => lessons.runLesson(id),
});
history.start();
const room = createRoomController(client, store);
room.start();
const cluster = createClusterController(client, store, () => controller.loadCatalog());
cluster.start();
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

const timeline = {
  tasks: (request: TimelineTasksRequest) => client.invoke('timeline:tasks', request),
  window: (request: TimelineWindowRequest) => client.invoke('timeline:window', request),
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabProvider
      store={store}
      controller={controller}
      jobs={jobs}
      history={history}
      lessons={lessons}
      room={room}
      cluster={cluster}
      frameMeter={frameMeter}
      timeline={timeline}
    >
      <HistoryNoticeBanner />
      <App transport={client.transport} />
    </LabProvider>
  </StrictMode>,
);
