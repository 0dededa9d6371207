import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeEvent } from './fake-electron.test-support';

vi.mock('electron', async () => {
  const { FakeBrowserWindow: BrowserWindow } = await import('./fake-electron.test-support');
  return { BrowserWindow, nativeTheme: { shouldUseDarkColors: true } };
});

import { createMainWindow, secureWebPreferences, windowBackground } from './secure-window';

const options = {
  preloadPath: '/app/out/preload/index.js',
  iconPath: '/app/resources/icon.png',
  devTools: false,
};

function openWindow(): FakeBrowserWindow {
  createMainWindow(options);
  return FakeBrowserWindow.created.at(-1)!;
}

beforeEach(() => {
  FakeBrowserWindow.created.length = 0;
});

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    expect(secureWebPreferences(options)).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('enables no Blink feature and sets no partition', () => {
    const preferences = secureWebPreferences(options);
    expect(preferences.enableBlinkFeatures).toBeUndefined();
    expect(preferences.partition).toBeUndefined();
  });
});

describe('createMainWindow', () => {
  it('opens the lab page hidden, titled, with the icon, sizes and the secure preferences', () => {
    const window = openWindow();
    expect(window.options).toMatchObject({
      title: 'Concurrency Lab',
      icon: options.iconPath,
      width: 1280,
      height: 860,
      minWidth: 960,
      minHeight: 640,
      show: false,
      backgroundColor: windowBackground(true),
      webPreferences: secureWebPreferences(options),
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://lab/index.html');
  });

  it('shows itself once the first frame is ready', () => {
    const window = openWindow();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('prevents navigation and redirects to anything but app://lab/', () => {
    const contents = openWindow().webContents;
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(contents.prevented(name, 'https://example.com/'), name).toBe(true);
      expect(contents.prevented(name, 'file:///etc/passwd'), name).toBe(true);
      expect(contents.prevented(name, 'app://lab.evil.com/index.html'), name).toBe(true);
      expect(contents.prevented(name, 'app://lab/index.html'), name).toBe(false);
    }
  });

  it('denies every new window, including http(s) links', () => {
    const contents = openWindow().webContents;
    for (const url of ['https://example.com/', 'app://lab/index.html', 'javascript:alert(1)']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a <webview>', () => {
    const event = fakeEvent();
    openWindow().webContents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });

  it('shows the window even when the page fails to load', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    FakeBrowserWindow.loadFailure = new Error('ERR_FILE_NOT_FOUND');
    try {
      const window = openWindow();
      await vi.waitFor(() => expect(window.show).toHaveBeenCalled());
      expect(logged).toHaveBeenCalled();
    } finally {
      FakeBrowserWindow.loadFailure = null;
      logged.mockRestore();
    }
  });
});
