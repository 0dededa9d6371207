/**
 * Keeps a webContents on our own pages: no navigation or redirect away from app://lab/, no new
 * windows, no <webview>. Applied to the main window and, through `web-contents-created`, to any
 * other webContents that might ever appear.
 */
import type { Event, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

const guarded = new WeakSet<WebContents>();

/** Prevents a navigation unless it stays on app://lab/. */
function allowOnlyAppUrls(event: Event, url: string): void {
  if (!isAppUrl(url)) event.preventDefault();
}

/** Applies the navigation, new-window and webview guards to `contents` (once; later calls do nothing). */
export function guardWebContents(contents: WebContents): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  // will-navigate covers the main frame, will-frame-navigate every frame, will-redirect server redirects.
  contents.on('will-navigate', (event) => allowOnlyAppUrls(event, event.url));
  contents.on('will-frame-navigate', (event) => allowOnlyAppUrls(event, event.url));
  contents.on('will-redirect', (event) => allowOnlyAppUrls(event, event.url));
  // The lab has no links to open: every window.open and target=_blank is denied, none reaches shell.openExternal.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
