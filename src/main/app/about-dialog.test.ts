import { describe, expect, it, vi, beforeEach } from 'vitest';
import { FakeBrowserWindow } from './fake-electron.test-support';

const electron = vi.hoisted(() => ({
  app: { getVersion: () => '0.1.0' },
  dialog: { showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })) },
  shell: { openPath: vi.fn(async (_path: string) => '') },
}));
vi.mock('electron', () => electron);

import { aboutFacts, aboutText, showAboutDialog, type AboutFacts } from './about-dialog';

const facts: AboutFacts = {
  appVersion: '0.1.0',
  versions: { electron: '41.7.1', chrome: '146.0.7680.80', node: '24.11.1', v8: '14.6.202' },
  platform: 'linux x64',
  historyFile: '/home/ada/.config/Concurrency Lab/run-history.sqlite',
  logFile: '/home/ada/.config/Concurrency Lab/logs/concurrency_results.log',
};

beforeEach(() => {
  electron.dialog.showMessageBox.mockClear();
  electron.shell.openPath.mockClear();
});

describe('aboutText', () => {
  it('names the version, the runtime versions and where the history and the log are kept', () => {
    const { message, detail } = aboutText(facts);
    expect(message).toBe('Concurrency Lab 0.1.0');
    for (const line of [
      'Electron 41.7.1',
      'Chromium 146.0.7680.80',
      'Node 24.11.1',
      'Run history: /home/ada/.config/Concurrency Lab/run-history.sqlite',
      'Results log: /home/ada/.config/Concurrency Lab/logs/concurrency_results.log',
    ])
      expect(detail.split('\n')).toContain(line);
  });

  it('says "unknown" rather than "undefined" for a version the runtime does not report', () => {
    expect(aboutText({ ...facts, versions: { node: '20.20.2' } }).detail).toContain('Electron unknown');
  });
});

describe('aboutFacts', () => {
  it("reads the app's version and this process's runtime versions", () => {
    const read = aboutFacts({ historyFile: facts.historyFile, logFile: facts.logFile });
    expect(read.appVersion).toBe('0.1.0');
    expect(read.versions.node).toBe(process.versions.node);
    expect(read.historyFile).toBe(facts.historyFile);
  });
});

describe('showAboutDialog', () => {
  it('shows the facts in a message box over the window', async () => {
    const window = new FakeBrowserWindow({});
    await showAboutDialog(window as never, facts);
    const [parent, options] = electron.dialog.showMessageBox.mock.calls[0]! as [
      unknown,
      Record<string, unknown>,
    ];
    expect(parent).toBe(window);
    expect(options).toMatchObject({ title: 'About Concurrency Lab', message: 'Concurrency Lab 0.1.0' });
    expect(options.detail).toContain('Run history:');
    expect(electron.shell.openPath).not.toHaveBeenCalled();
  });

  it('opens the data folder when asked, and works without a window', async () => {
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await showAboutDialog(null, facts);
    expect(electron.dialog.showMessageBox.mock.calls[0]).toHaveLength(1);
    expect(electron.shell.openPath).toHaveBeenCalledWith('/home/ada/.config/Concurrency Lab');
  });
});
