/**
 * The lab API over one WebSocket (browser mode): requests paired with replies by id, a timeout per
 * request that answers with a typed error, automatic reconnection with backoff, and event fan-out.
 */
import {
  isEventChannel,
  type EventChannel,
  type EventContract,
  type InvokeChannel,
  type InvokeContract,
  type LabApi,
  type LabError,
  type Reply,
  type ReplyOf,
} from '../../../shared/ipc';
import { WS_MAX_REQUEST_BYTES, type WsInvoke } from '../../../shared/ws-protocol';
import type { ConnectionMonitor, ConnectionState } from './connection';

/** The part of the browser's WebSocket the client uses (tests pass a fake). */
export type WebSocketLike = Pick<
  WebSocket,
  'readyState' | 'send' | 'close' | 'onopen' | 'onclose' | 'onerror' | 'onmessage'
>;

/** How the client connects, waits and retries. */
export interface WebSocketClientOptions {
  /** Opens a socket; the browser's WebSocket by default. */
  readonly createSocket?: (url: string) => WebSocketLike;
  /** How long a request waits for its reply, including time spent waiting for a connection. */
  readonly requestTimeoutMs?: number;
  /** First retry delay after a drop; doubles per failed attempt up to `maxReconnectDelayMs`. */
  readonly initialReconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
}

/** A LabApi over WebSocket, with its connection state. */
export interface WebSocketLabClient extends LabApi {
  readonly connection: ConnectionMonitor;
  /** Closes the socket for good and answers every pending request with an error. */
  dispose(): void;
}

interface PendingRequest {
  readonly channel: InvokeChannel;
  readonly frame: string;
  readonly resolve: (reply: Reply<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  sent: boolean;
}

type Listener = (payload: unknown) => void;

const OPEN = 1;

function failure(code: LabError['code'], message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

function isReply(value: unknown): value is Reply<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as { ok?: unknown; error?: unknown };
  if (reply.ok === true) return 'value' in reply;
  return reply.ok === false && typeof reply.error === 'object' && reply.error !== null;
}

/** Connects to `url` right away and keeps reconnecting until disposed. */
export function createWebSocketClient(url: string, options: WebSocketClientOptions = {}): WebSocketLabClient {
  const createSocket = options.createSocket ?? ((to: string) => new WebSocket(to));
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const initialDelayMs = options.initialReconnectDelayMs ?? 250;
  const maxDelayMs = options.maxReconnectDelayMs ?? 5_000;

  const pending = new Map<number, PendingRequest>();
  const listeners = new Map<EventChannel, Set<Listener>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let socket: WebSocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let failedAttempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  function setState(next: ConnectionState): void {
    if (state === next) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function settle(id: number, reply: Reply<unknown>): void {
    const request = pending.get(id);
    if (!request) return;
    clearTimeout(request.timer);
    pending.delete(id);
    request.resolve(reply);
  }

  function flush(): void {
    // Map order is insertion order: queued requests go out in the order they were made.
    for (const request of pending.values()) {
      if (request.sent || !socket || socket.readyState !== OPEN) continue;
      socket.send(request.frame);
      request.sent = true;
    }
  }

  function dispatchEvent(event: EventChannel, payload: unknown): void {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        // One broken listener must not starve the others of events.
        console.error(`lab client: a ${event} listener threw`, error);
      }
    }
  }

  function handleFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const frame = message as {
      type?: unknown;
      id?: unknown;
      reply?: unknown;
      event?: unknown;
      payload?: unknown;
    };
    if (frame.type === 'reply' && typeof frame.id === 'number') {
      settle(
        frame.id,
        isReply(frame.reply) ? frame.reply : failure('internal', 'The engine sent a malformed reply.'),
      );
    } else if (frame.type === 'event' && isEventChannel(frame.event)) {
      dispatchEvent(frame.event, frame.payload);
    }
  }

  function scheduleReconnect(): void {
    if (disposed || retryTimer !== null) return;
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** failedAttempts);
    failedAttempts++;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  }

  function dropped(ws: WebSocketLike): void {
    if (socket !== ws) return;
    socket = null;
    // Requests already on the wire will never be answered by this socket; queued ones wait for the next.
    for (const [id, request] of [...pending]) {
      if (request.sent) {
        settle(
          id,
          failure(
            'disconnected',
            `The connection to the engine was lost before it answered ${request.channel}.`,
          ),
        );
      }
    }
    if (disposed) return;
    setState('closed');
    scheduleReconnect();
  }

  function connect(): void {
    if (disposed) return;
    setState('connecting');
    let ws: WebSocketLike;
    try {
      ws = createSocket(url);
    } catch {
      setState('closed');
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      failedAttempts = 0;
      setState('open');
      flush();
    };
    ws.onmessage = (event) => {
      if (socket === ws) handleFrame(event.data);
    };
    // An error is always followed by a close, which does the bookkeeping.
    ws.onerror = () => {};
    ws.onclose = () => dropped(ws);
  }

  function invoke<C extends InvokeChannel>(
    channel: C,
    request: InvokeContract[C]['request'],
  ): Promise<ReplyOf<C>> {
    return new Promise<ReplyOf<C>>((resolve) => {
      const answer = resolve as (reply: Reply<unknown>) => void;
      if (disposed) {
        answer(failure('disconnected', 'The connection to the engine is closed.'));
        return;
      }
      const id = nextId++;
      const message: WsInvoke = { type: 'invoke', id, channel, payload: request };
      const frame = JSON.stringify(message);
      if (frame.length > WS_MAX_REQUEST_BYTES) {
        answer(failure('invalid-request', `The ${channel} request is too large to send.`));
        return;
      }
      const timer = setTimeout(() => {
        const waitedFor = pending.get(id)?.sent ? 'a reply' : 'a connection';
        settle(
          id,
          failure(
            'timeout',
            `No answer to ${channel} within ${Math.round(timeoutMs / 1000)} s (waited for ${waitedFor}).`,
          ),
        );
      }, timeoutMs);
      pending.set(id, { channel, frame, resolve: answer, timer, sent: false });
      if (state === 'open') flush();
    });
  }

  function on<E extends EventChannel>(event: E, listener: (payload: EventContract[E]) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const entry = listener as Listener;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  const connection: ConnectionMonitor = {
    current: () => state,
    subscribe(listener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    reconnectNow() {
      if (disposed || state !== 'closed') return;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      failedAttempts = 0;
      connect();
    },
  };

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
    const ws = socket;
    socket = null;
    ws?.close();
    for (const id of [...pending.keys()])
      settle(id, failure('disconnected', 'The connection to the engine is closed.'));
    setState('closed');
  }

  connect();
  return { invoke, on, connection, dispose };
}
