/** Electron main process entry: wires the app's concerns in order. `__dirname` is out/main in the bundle. */
import { join } from 'node:path';
import { app, session } from 'electron';
import { DESKTOP_CALLER } from '../shared/room';
import { hostScriptsIn } from './engine/models/host-scripts';
import { chosenPython } from './engine/models/python/python-setup';
import { appDataDir, historyFileIn } from './engine/history/history-location';
import { openHistory } from './engine/history/open-history';
import { createLabService } from './engine/lab-service';
import { claimSingleInstance, setupAppLifecycle } from './app/app-lifecycle';
import { setupAppMenu } from './app/app-menu';
import { registerAppScheme, setupAppProtocol } from './app/app-protocol';
import { forwardServiceEvents, setupIpcHandlers, trustedSender } from './app/ipc-handlers';
import { createMainWindow } from './app/secure-window';
import { setupSessionSecurity } from './app/session-security';
import { utilityProcessSpawner } from './app/utility-process-spawner';

const iconPath = join(__dirname, '../../resources/icon.png');

async function start(): Promise<void> {
  setupSessionSecurity(session.defaultSession);
  setupAppProtocol(join(__dirname, '../renderer'));
  const dataDir = appDataDir(app.getPath('userData'));
  const history = await openHistory(dataDir);
  const logFile = join(dataDir, 'logs', 'concurrency_results.log');
  // The Python models' interpreter: CONCURRENCY_LAB_PYTHON, else python3 / python on PATH (no setting in the UI yet).
  const python = chosenPython(undefined);
  const service = createLabService({
    engine: {
      hostScripts: hostScriptsIn(__dirname),
      spawner: utilityProcessSpawner,
      // Sequential and async run on a worker thread: the main process, and so the window, never freezes.
      callingThread: 'dedicated',
      ...(python ? { python } : {}),
    },
    store: history.store,
    historyNotice: history.notice,
    logFile,
  });
  const window = createMainWindow({
    preloadPath: join(__dirname, '../preload/index.js'),
    iconPath,
    devTools: !app.isPackaged,
  });
  // The desktop app alone is the room's instructor.
  service.attach(DESKTOP_CALLER);
  setupIpcHandlers(service, trustedSender(window));
  forwardServiceEvents(service, window);
  setupAppMenu({ iconPath, about: { historyFile: historyFileIn(dataDir), logFile }, window: () => window });
  setupAppLifecycle({ service, window: () => window });
}

app.setName('Concurrency Lab');
// Before ready: every renderer sandboxed, and the app:// scheme registered with its privileges.
app.enableSandbox();
registerAppScheme();
if (claimSingleInstance()) {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Concurrency Lab could not start:', error);
      app.exit(1);
    });
}
