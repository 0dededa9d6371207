/** Session-wide guards: no permissions but full screen, no devices, no remote requests, and every webContents kept on our pages. */
import { app, type Session } from 'electron';
import { isAppUrl } from './app-protocol';
import { guardWebContents } from './navigation-guard';

/** URL patterns of every remote request a page could make; the lab is offline by design (no request leaves the machine). */
const REMOTE_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/** Denies every permission and device request of `session`, blocks remote requests, and guards every new webContents. */
export function setupSessionSecurity(session: Session): void {
  // The lab needs no camera, notifications, clipboard reads, HID, serial, USB…: deny every request and check.
  // The one exception: presenter mode's Full screen button, asked by the app's own page in its main frame.
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isFullscreenForApp(permission, details)),
  );
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Spellcheck dictionaries would be downloaded on first use.
  session.setSpellCheckerEnabled(false);
  // Defence in depth behind the CSP: even a page that slipped past it cannot reach the network.
  session.webRequest.onBeforeRequest({ urls: REMOTE_URLS }, (_details, callback) =>
    callback({ cancel: true }),
  );
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}

/** Whether a permission request is the app's own main frame asking for full screen (the Fullscreen API). */
export function isFullscreenForApp(
  permission: string,
  details: { readonly isMainFrame?: boolean; readonly requestingUrl?: string },
): boolean {
  return permission === 'fullscreen' && details.isMainFrame === true && isAppUrl(details.requestingUrl ?? '');
}
