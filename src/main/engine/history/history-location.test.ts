import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, defaultDataDir, historyFileIn } from './history-location';

describe('defaultDataDir', () => {
  it("finds the folder Electron's userData gives the app on each platform", () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Concurrency Lab');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ada')).toBe('/cfg/Concurrency Lab');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Concurrency Lab',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Concurrency Lab',
    );
  });

  it('uses CONCURRENCY_LAB_DATA_DIR when set', () => {
    expect(defaultDataDir('linux', { CONCURRENCY_LAB_DATA_DIR: '/tmp/lab' }, '/home/ada')).toBe('/tmp/lab');
  });
});

describe('appDataDir', () => {
  it("is Electron's userData folder unless CONCURRENCY_LAB_DATA_DIR picks another", () => {
    expect(appDataDir('/home/ada/.config/Concurrency Lab', {})).toBe('/home/ada/.config/Concurrency Lab');
    expect(appDataDir('/home/ada/.config/Concurrency Lab', { CONCURRENCY_LAB_DATA_DIR: '/srv/lab' })).toBe(
      '/srv/lab',
    );
  });
});

describe('historyFileIn', () => {
  it('names the database inside the data folder', () => {
    expect(historyFileIn('/data')).toBe(join('/data', 'run-history.sqlite'));
  });
});
