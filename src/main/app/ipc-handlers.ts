/**
 * The main-process side of the IPC contract: one handler per invoke channel, each checking that the
 * sender is our window's main frame before the lab service parses and runs the payload; and every
 * service event forwarded to the window.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { INVOKE_CHANNELS, type LabError, type Reply } from '../../shared/ipc';
import type { LabService } from '../engine/lab-service';
import { isAppUrl } from './app-protocol';
import { errorMessage } from '../../shared/format';

/** Decides whether an invoke comes from a frame we trust. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

function refused(error: LabError): Reply<never> {
  return { ok: false, error };
}

// WebFrameMain wrappers may be recreated for the same frame: compare identities, not only objects.
function sameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

/** Trusts only `window`'s own main frame showing one of our app://lab/ pages (no other webContents, no subframe, no other URL). */
export function trustedSender(window: BrowserWindow): SenderCheck {
  return (event) => {
    if (window.isDestroyed()) return false;
    const contents = window.webContents;
    const frame = event.senderFrame;
    return (
      event.sender === contents &&
      frame !== null &&
      frame.parent === null &&
      sameFrame(frame, contents.mainFrame) &&
      isAppUrl(frame.url)
    );
  };
}

/**
 * Registers a handler for every invoke channel of the contract; returns the function that removes
 * them. A refused sender gets a typed `forbidden` reply and the service never sees its payload.
 */
export function setupIpcHandlers(service: LabService, isTrustedSender: SenderCheck): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Reply<unknown>> => {
      if (!isTrustedSender(event)) {
        return refused({
          code: 'forbidden',
          message: `${channel} refused: the request did not come from the lab window`,
        });
      }
      try {
        return await service.handle(channel, payload);
      } catch (error) {
        // The service answers every request itself; this only keeps a bug from becoming a rejected invoke.
        const message = errorMessage(error);
        return refused({ code: 'internal', message: `${channel} failed: ${message}` });
      }
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Sends every service event (progress, results, system stats) to `window` while it exists; returns the unsubscribe function. */
export function forwardServiceEvents(service: LabService, window: BrowserWindow): () => void {
  return service.subscribe((event) => {
    if (window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(event.event, event.payload);
  });
}
