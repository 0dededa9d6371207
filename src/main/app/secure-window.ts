/** The one application window, locked down: isolated, sandboxed, no Node, our own pages only. */
import { BrowserWindow, nativeTheme, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import { guardWebContents } from './navigation-guard';

/** Where the window's files are and what it may do. */
export interface MainWindowOptions {
  /** The built sandboxed preload (out/preload/index.js). */
  readonly preloadPath: string;
  /** The app icon (resources/icon.png). */
  readonly iconPath: string;
  /** Whether DevTools can be opened (development builds only). */
  readonly devTools: boolean;
}

/** The window's webPreferences: every security default stated explicitly, so a reader (or a scanner) need not know the defaults. */
export function secureWebPreferences(
  options: Pick<MainWindowOptions, 'preloadPath' | 'devTools'>,
): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    // Spellcheck dictionaries are downloaded from Google: nothing may leave the machine.
    spellcheck: false,
    devTools: options.devTools,
  };
}

/** The window's background before the page paints: the renderer's --bg (styles/theme.css) in its light or dark theme. */
export function windowBackground(dark: boolean): string {
  return dark ? '#0f1217' : '#f3f5f8';
}

/** Opens the main window on app://lab/index.html; it shows itself once the first frame is ready. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Concurrency Lab',
    icon: options.iconPath,
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: windowBackground(nativeTheme.shouldUseDarkColors),
    webPreferences: secureWebPreferences(options),
  });
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`Concurrency Lab: could not load ${APP_ENTRY_URL}:`, error);
    // Show the (empty) window anyway rather than leave an invisible process running.
    if (!window.isDestroyed()) window.show();
  });
  return window;
}
