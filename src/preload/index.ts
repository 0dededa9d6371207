/**
 * The sandboxed preload: exposes one object, `window.concurrencyLab`, implementing the contract's
 * LabApi over Electron IPC. It accepts only the contract's channels and never hands the page an
 * IpcRendererEvent, ipcRenderer or any other Electron object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  isEventChannel,
  isInvokeChannel,
  LAB_API_GLOBAL,
  type LabApi,
  type Reply,
} from '../shared/ipc';
import { errorMessage } from '../shared/format';

function failed(code: 'unknown-channel' | 'internal', message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

/** The LabApi over Electron IPC (not exported: the exposed copy is the only way in). */
const labApi: LabApi = {
  invoke(channel, request) {
    if (!isInvokeChannel(channel)) {
      return Promise.resolve(failed('unknown-channel', `unknown channel ${JSON.stringify(String(channel))}`));
    }
    // Main answers with a Reply; a rejected invoke (no handler, main gone) becomes one too.
    return ipcRenderer
      .invoke(channel, request)
      .catch((error: unknown) => failed('internal', `${channel} failed: ${errorMessage(error)}`));
  },
  on(event, listener) {
    if (!isEventChannel(event)) {
      throw new TypeError(
        `unknown event ${JSON.stringify(String(event))}: expected one of ${EVENT_CHANNELS.join(', ')}`,
      );
    }
    // The IpcRendererEvent (with its `sender`, an ipcRenderer) stays here: the page gets the payload only.
    const forward = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]): void =>
      listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld(LAB_API_GLOBAL, labApi);
