import { app, type Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from './fake-electron.test-support';

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  return { app: new EventEmitter() };
});

import { setupSessionSecurity } from './session-security';

function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
}

function secured() {
  const session = fakeSession();
  setupSessionSecurity(session as unknown as Session);
  return session;
}

describe('setupSessionSecurity', () => {
  it('denies every permission request', () => {
    const handler = secured().setPermissionRequestHandler.mock.calls[0]![0];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      handler(new FakeWebContents(), permission, callback, { requestingUrl: 'app://lab/index.html' });
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it("lets only the app's own main frame go full screen (presenter mode)", () => {
    const handler = secured().setPermissionRequestHandler.mock.calls[0]![0];
    const answer = (details: object) => {
      const callback = vi.fn();
      handler(new FakeWebContents(), 'fullscreen', callback, details);
      return callback.mock.calls[0]![0];
    };
    expect(answer({ requestingUrl: 'app://lab/index.html#lessons', isMainFrame: true })).toBe(true);
    expect(answer({ requestingUrl: 'app://lab/index.html', isMainFrame: false })).toBe(false);
    expect(answer({ requestingUrl: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(answer({ requestingUrl: 'app://evil/index.html', isMainFrame: true })).toBe(false);
  });

  it('answers every permission check and device request with no', () => {
    const session = secured();
    const check = session.setPermissionCheckHandler.mock.calls[0]![0];
    for (const permission of ['hid', 'serial', 'usb', 'media', 'clipboard-read'])
      expect(check(null, permission, 'app://lab', {}), permission).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]({ deviceType: 'usb' })).toBe(false);
  });

  it('keeps spellcheck dictionaries from being downloaded', () => {
    expect(secured().setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  it('cancels every http(s) and ws(s) request', () => {
    const [filter, listener] = secured().webRequest.onBeforeRequest.mock.calls[0]!;
    expect(filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const callback = vi.fn();
    listener({ url: 'https://example.com/' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });

  it('guards every webContents created later: no navigation away, no window, no webview', () => {
    secured();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.prevented('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.prevented('will-attach-webview', '')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('guards a webContents once, however often it is seen', () => {
    secured();
    secured();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});
