/**
 * The About dialog: which Concurrency Lab this is, on which Electron, Chromium and Node, and where the
 * run history and the results log are kept (the first thing support asks, and what a workshop backs up).
 */
import { dirname } from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';

/** Where the user's data is kept. */
export interface AboutPaths {
  readonly historyFile: string;
  readonly logFile: string;
}

/** Everything the dialog shows. */
export interface AboutFacts extends AboutPaths {
  readonly appVersion: string;
  readonly versions: Readonly<Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>>;
  readonly platform: string;
}

/** The dialog's facts in this process: the app's version and the runtime's own versions. */
export function aboutFacts(paths: AboutPaths): AboutFacts {
  return {
    ...paths,
    appVersion: app.getVersion(),
    versions: process.versions,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The dialog's title line and body. */
export function aboutText(facts: AboutFacts): { readonly message: string; readonly detail: string } {
  const version = (name: keyof AboutFacts['versions']): string => facts.versions[name] ?? 'unknown';
  return {
    message: `Concurrency Lab ${facts.appVersion}`,
    detail: [
      `Electron ${version('electron')}`,
      `Chromium ${version('chrome')}`,
      `Node ${version('node')}`,
      `V8 ${version('v8')}`,
      `Platform ${facts.platform}`,
      '',
      `Run history: ${facts.historyFile}`,
      `Results log: ${facts.logFile}`,
      '',
      'MIT License',
    ].join('\n'),
  };
}

/** The buttons, in order; the second opens the data folder. */
export const ABOUT_BUTTONS = ['OK', 'Open data folder'] as const;

/** Shows the About dialog over `window` (or on its own); "Open data folder" opens the folder of the history. */
export async function showAboutDialog(window: BrowserWindow | null, facts: AboutFacts): Promise<void> {
  const { message, detail } = aboutText(facts);
  const options = {
    type: 'info' as const,
    title: 'About Concurrency Lab',
    message,
    detail,
    buttons: [...ABOUT_BUTTONS],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const { response } =
    window && !window.isDestroyed()
      ? await dialog.showMessageBox(window, options)
      : await dialog.showMessageBox(options);
  if (response === 1) {
    const failure = await shell.openPath(dirname(facts.historyFile));
    if (failure) console.error(`Concurrency Lab: could not open the data folder: ${failure}`);
  }
}
