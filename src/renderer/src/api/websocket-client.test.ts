import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SystemStats } from '../../../shared/views';
import type { ConnectionState } from './connection';
import { createWebSocketClient, type WebSocketLike } from './websocket-client';

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: WebSocket['onopen'] = null;
  onclose: WebSocket['onclose'] = null;
  onerror: WebSocket['onerror'] = null;
  onmessage: WebSocket['onmessage'] = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static latest(): FakeSocket {
    const socket = FakeSocket.all.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(): void {
    this.drop();
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.call(this as unknown as WebSocket, new Event('open'));
  }

  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.call(this as unknown as WebSocket, new Event('close') as CloseEvent);
  }

  receive(message: unknown): void {
    const data = typeof message === 'string' ? message : JSON.stringify(message);
    this.onmessage?.call(this as unknown as WebSocket, new MessageEvent('message', { data }));
  }
}

function connect(options: Parameters<typeof createWebSocketClient>[1] = {}) {
  return createWebSocketClient('ws://lab.test/api', {
    createSocket: (url) => new FakeSocket(url),
    ...options,
  });
}

const stats: SystemStats = {
  at: 1,
  eventLoopDelay: { p50: 1, p99: 2, max: 3 },
  eventLoopUtilization: 0.1,
  processCpuPercent: 5,
  machineCpuPercent: 10,
  rssMb: 100,
  heapUsedMb: 50,
};

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createWebSocketClient', () => {
  it('pairs each reply with its request by id', async () => {
    const client = connect();
    const socket = FakeSocket.latest();
    socket.open();
    const catalog = client.invoke('lab:catalog', null);
    const list = client.invoke('history:list', null);
    expect(socket.sent).toEqual([
      { type: 'invoke', id: 1, channel: 'lab:catalog', payload: null },
      { type: 'invoke', id: 2, channel: 'history:list', payload: null },
    ]);
    socket.receive({ type: 'reply', id: 2, reply: { ok: true, value: [] } });
    socket.receive({
      type: 'reply',
      id: 1,
      reply: { ok: false, error: { code: 'internal', message: 'boom' } },
    });
    await expect(list).resolves.toEqual({ ok: true, value: [] });
    await expect(catalog).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('queues requests made before the socket opens and sends them in order', async () => {
    const client = connect();
    const socket = FakeSocket.latest();
    const first = client.invoke('history:list', null);
    void client.invoke('run:cancel', { runId: 'r1' });
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(socket.sent.map((m) => (m as { id: number }).id)).toEqual([1, 2]);
    socket.receive({ type: 'reply', id: 1, reply: { ok: true, value: [] } });
    await expect(first).resolves.toEqual({ ok: true, value: [] });
  });

  it('answers with a typed error when no reply comes in time, never by throwing', async () => {
    const client = connect({ requestTimeoutMs: 1000 });
    FakeSocket.latest().open();
    const reply = client.invoke('lab:catalog', null);
    vi.advanceTimersByTime(1000);
    await expect(reply).resolves.toMatchObject({ ok: false, error: { code: 'timeout' } });
    const result = await reply;
    expect(result.ok === false && result.error.message).toMatch(/No answer to lab:catalog within 1 s/);
  });

  it('fails requests on the wire when the connection drops, and keeps queued ones for the next socket', async () => {
    const client = connect();
    const first = FakeSocket.latest();
    first.open();
    const sent = client.invoke('history:list', null);
    first.drop();
    await expect(sent).resolves.toMatchObject({
      ok: false,
      error: { message: /connection to the engine was lost/ },
    });

    const queued = client.invoke('lab:catalog', null);
    vi.advanceTimersByTime(250);
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent).toEqual([{ type: 'invoke', id: 2, channel: 'lab:catalog', payload: null }]);
    second.receive({ type: 'reply', id: 2, reply: { ok: true, value: 'catalog' } });
    await expect(queued).resolves.toEqual({ ok: true, value: 'catalog' });
  });

  it('reports its connection state and reconnects with a doubling backoff', () => {
    const client = connect({ initialReconnectDelayMs: 100, maxReconnectDelayMs: 300 });
    const states: ConnectionState[] = [];
    client.connection.subscribe((state) => states.push(state));
    expect(client.connection.current()).toBe('connecting');

    FakeSocket.latest().drop();
    expect(client.connection.current()).toBe('closed');
    vi.advanceTimersByTime(99);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);

    FakeSocket.latest().drop();
    vi.advanceTimersByTime(199);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);

    FakeSocket.latest().drop();
    vi.advanceTimersByTime(300);
    expect(FakeSocket.all).toHaveLength(4);

    FakeSocket.latest().open();
    expect(client.connection.current()).toBe('open');
    expect(states).toEqual(['closed', 'connecting', 'closed', 'connecting', 'closed', 'connecting', 'open']);

    // A successful connection resets the backoff.
    FakeSocket.latest().drop();
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(5);
  });

  it('reconnects at once when asked', () => {
    const client = connect({ initialReconnectDelayMs: 10_000 });
    FakeSocket.latest().drop();
    client.connection.reconnectNow();
    expect(FakeSocket.all).toHaveLength(2);
    expect(client.connection.current()).toBe('connecting');
  });

  it('fans events out to every listener of that event, and stops after unsubscribe', () => {
    const client = connect();
    const socket = FakeSocket.latest();
    socket.open();
    const a = vi.fn();
    const b = vi.fn();
    const other = vi.fn();
    const offA = client.on('system:stats', a);
    client.on('system:stats', b);
    client.on('run:failed', other);
    socket.receive({ type: 'event', event: 'system:stats', payload: stats });
    expect(a).toHaveBeenCalledWith(stats);
    expect(b).toHaveBeenCalledWith(stats);
    expect(other).not.toHaveBeenCalled();
    offA();
    socket.receive({ type: 'event', event: 'system:stats', payload: stats });
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
  });

  it('keeps delivering when one listener throws', () => {
    const client = connect();
    const socket = FakeSocket.latest();
    socket.open();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    client.on('system:stats', () => {
      throw new Error('listener bug');
    });
    client.on('system:stats', after);
    socket.receive({ type: 'event', event: 'system:stats', payload: stats });
    expect(after).toHaveBeenCalled();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('ignores frames it does not understand', async () => {
    const client = connect({ requestTimeoutMs: 500 });
    const socket = FakeSocket.latest();
    socket.open();
    const listener = vi.fn();
    client.on('system:stats', listener);
    const reply = client.invoke('history:list', null);
    socket.receive('not json');
    socket.receive({ type: 'event', event: 'no:such-event', payload: {} });
    socket.receive({
      type: 'reply',
      id: null,
      reply: { ok: false, error: { code: 'invalid-request', message: 'x' } },
    });
    socket.receive({ type: 'reply', id: 1, reply: { nonsense: true } });
    expect(listener).not.toHaveBeenCalled();
    await expect(reply).resolves.toMatchObject({ ok: false, error: { message: /malformed reply/ } });
  });

  it('answers every pending request when disposed, and stops reconnecting', async () => {
    const client = connect();
    const reply = client.invoke('lab:catalog', null);
    client.dispose();
    await expect(reply).resolves.toMatchObject({ ok: false, error: { code: 'disconnected' } });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    await expect(client.invoke('history:list', null)).resolves.toMatchObject({ ok: false });
  });
});
