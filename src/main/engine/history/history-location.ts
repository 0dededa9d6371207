/** Where the run history is kept: in the app's data folder, which plain Node (CLI, browser mode) finds the way Electron does. */
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';

/** The app's name as Electron sees it (`app.setName` in src/main/index.ts): the data folder's name. */
export const APP_DATA_NAME = 'Concurrency Lab';

/** The history database's file name inside the data folder. */
export const HISTORY_FILE_NAME = 'run-history.sqlite';

/** Set to use another data folder (tests, a workshop machine's shared drive). */
export const DATA_DIR_ENV = 'CONCURRENCY_LAB_DATA_DIR';

/** The history file inside a data folder, e.g. Electron's `app.getPath('userData')`. */
export function historyFileIn(dataDir: string): string {
  return join(dataDir, HISTORY_FILE_NAME);
}

/** The desktop app's data folder: the override when set, else Electron's `app.getPath('userData')`. */
export function appDataDir(userData: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[DATA_DIR_ENV] || userData;
}

/**
 * The data folder Electron's `app.getPath('userData')` gives this app, computed without Electron:
 * %APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const override = env[DATA_DIR_ENV];
  if (override) return override;
  if (platform === 'win32')
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), APP_DATA_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_DATA_NAME);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_DATA_NAME);
}
