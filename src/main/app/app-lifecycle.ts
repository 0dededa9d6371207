/** The app's life: one instance, quit when the window closes, and a quit that first stops every run, worker and process. */
import { app, type BrowserWindow } from 'electron';
import type { LabService } from '../engine/lab-service';

/** How long quitting waits for the service to stop everything before it quits anyway. */
export const CLOSE_TIMEOUT_MS = 5000;

/** What the lifecycle acts on. */
export interface AppLifecycleOptions {
  readonly service: LabService;
  /** The window to bring forward when the app is started a second time. */
  readonly window: () => BrowserWindow | null;
  readonly closeTimeoutMs?: number;
}

/** Takes the single-instance lock; when another instance holds it, quits this one and returns false. */
export function claimSingleInstance(): boolean {
  if (app.requestSingleInstanceLock()) return true;
  app.quit();
  return false;
}

/** Resolves when `promise` settles or after `ms`, whichever comes first; never rejects. */
function settleWithin(promise: Promise<unknown>, ms: number): Promise<'closed' | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms)));
  const closed = promise.then(
    () => 'closed' as const,
    (error: unknown) => {
      console.error('Concurrency Lab: stopping the lab failed:', error);
      return 'closed' as const;
    },
  );
  return Promise.race([closed, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Focuses the window on a second launch; quits when the window closes (on macOS too: the lab is one
 * window, and a run left going in a windowless app would burn every core unseen); and holds the first
 * quit until the service has cancelled runs and ended every worker thread and utility process.
 */
export function setupAppLifecycle(options: AppLifecycleOptions): void {
  const closeTimeoutMs = options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS;
  app.on('second-instance', () => {
    const window = options.window();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  let stopping = false;
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    // Quitting resumes once everything is stopped; a second quit request meanwhile just waits.
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void settleWithin(options.service.close(), closeTimeoutMs).then((outcome) => {
      if (outcome === 'timed out')
        console.error(`Concurrency Lab: the lab did not stop within ${closeTimeoutMs} ms; quitting anyway`);
      stopped = true;
      app.quit();
    });
  });
}
