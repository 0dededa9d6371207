/** The one client the UI talks to: Electron's preload API when present, the WebSocket bridge otherwise. */
import { LAB_API_GLOBAL, type LabApi } from '../../../shared/ipc';
import { WS_PATH } from '../../../shared/ws-protocol';
import { ALWAYS_OPEN, type ConnectionMonitor } from './connection';
import { createWebSocketClient } from './websocket-client';

/** The lab API plus the state of the link behind it. */
export interface LabClient extends LabApi {
  readonly connection: ConnectionMonitor;
  /** Whether the page runs in a plain browser (WebSocket) rather than in the Electron app. */
  readonly transport: 'electron' | 'websocket';
}

/** The parts of `location` the WebSocket address is built from. */
export type PageLocation = Pick<Location, 'protocol' | 'host'>;

/**
 * `ws://host:port/api` on the page's origin. No token: in a room the server traded the join link's
 * token for an HttpOnly session cookie, which the browser sends with the upgrade itself.
 */
export function webSocketUrl(location: PageLocation): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}`;
}

/** The preload's API object, if this page runs in the Electron app. */
export function preloadApi(scope: object): LabApi | null {
  const candidate = (scope as Record<string, unknown>)[LAB_API_GLOBAL];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const api = candidate as Partial<LabApi>;
  return typeof api.invoke === 'function' && typeof api.on === 'function' ? (api as LabApi) : null;
}

/** Picks the transport: the preload API in Electron, a WebSocket to the serving origin in a browser. */
export function createLabClient(scope: Window = window): LabClient {
  const electron = preloadApi(scope);
  if (electron) {
    return {
      invoke: (channel, request) => electron.invoke(channel, request),
      on: (event, listener) => electron.on(event, listener),
      connection: ALWAYS_OPEN,
      transport: 'electron',
    };
  }
  const client = createWebSocketClient(webSocketUrl(scope.location));
  return { invoke: client.invoke, on: client.on, connection: client.connection, transport: 'websocket' };
}
