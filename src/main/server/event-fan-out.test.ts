/**
 * A room's load, on loopback, bounded in count and time: windows that stop reading are dropped with a
 * reason while the server's memory stays bounded, and the windows that read get every result, in order.
 */
import net from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LabEvent } from '../../shared/ipc';
import type { LabCaller } from '../../shared/room';
import type { LabService } from '../engine/lab-service';
import { startBrowserServer, type BrowserServer } from './browser-server';

const rendererDir = resolve(__dirname, '../../../out/renderer');

/** A service that only emits what the test tells it to. */
function fakeService() {
  const listeners = new Set<(event: LabEvent) => void>();
  const service: LabService = {
    handle: async () => ({ ok: true, value: null }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attach: () => () => undefined,
    setJoin: () => undefined,
    close: async () => undefined,
  };
  return { service, emit: (event: LabEvent) => listeners.forEach((listener) => listener(event)) };
}

/** A window that completes the handshake and then never reads another byte. */
function stalledWindow(port: number): Promise<net.Socket> {
  return new Promise((done, fail) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(
        [
          'GET /api HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          `Origin: http://127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Version: 13',
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
          '',
          '',
        ].join('\r\n'),
      ),
    );
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString().startsWith('HTTP/1.1 101')) return fail(new Error(chunk.toString()));
      socket.pause();
      done(socket);
    });
    socket.on('error', () => undefined);
  });
}

/** A window that reads everything and keeps the order of the results it got. */
function readingWindow(port: number): Promise<{ results: number[]; socket: WebSocket }> {
  return new Promise((done, fail) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api`, { origin: `http://127.0.0.1:${port}` });
    const results: number[] = [];
    socket.on('message', (data) => {
      const text = data.toString();
      // Cheap: results are told apart by their prefix, like a room's hundred attendees would.
      if (text.startsWith('{"type":"event","event":"run:failed"'))
        results.push(Number(/"runId":"(\d+)"/.exec(text)![1]));
    });
    socket.once('open', () => done({ results, socket }));
    socket.once('error', fail);
  });
}

const servers: BrowserServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('a room with windows that stop reading', () => {
  it('drops them with a reason, keeps memory bounded, and the others get every result in order', async () => {
    const { service, emit } = fakeService();
    const drops: { caller: LabCaller; reason: string }[] = [];
    const server = await startBrowserServer({
      service,
      rendererDir,
      host: '127.0.0.1',
      port: 0,
      tokens: null,
      fanOut: { skipLiveAboveBytes: 64 * 1024, maxBufferedBytes: 256 * 1024, dropAfterMs: 300 },
      onDrop: (caller, reason) => drops.push({ caller, reason }),
    });
    servers.push(server);
    const stalled = await Promise.all(Array.from({ length: 6 }, () => stalledWindow(server.port)));
    const reading = await Promise.all(Array.from({ length: 4 }, () => readingWindow(server.port)));
    expect(server.clients()).toBe(10);

    const snapshot = 'x'.repeat(32 * 1024);
    const result = 'y'.repeat(64 * 1024);
    const before = process.memoryUsage();
    let peakExternal = 0;
    const rounds = 600;
    const deadline = Date.now() + 30_000;
    for (let round = 0; round < rounds && Date.now() < deadline; round++) {
      emit({ event: 'system:stats', payload: { padding: snapshot } as never });
      if (round % 2 === 0)
        emit({ event: 'run:failed', payload: { runId: String(round / 2), message: result } });
      peakExternal = Math.max(peakExternal, process.memoryUsage().arrayBuffers);
      await new Promise((r) => setImmediate(r));
      if (round % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const sent = rounds / 2;
    const until = Date.now() + 20_000;
    while (reading.some((w) => w.results.length < sent) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 20));
    while (drops.length < stalled.length && Date.now() < until) {
      emit({ event: 'system:heartbeat', payload: { at: Date.now(), seq: 0 } });
      await new Promise((r) => setTimeout(r, 50));
    }

    expect(drops).toHaveLength(stalled.length);
    for (const drop of drops) expect(drop.reason).toMatch(/send buffer (passed|stayed over)/);
    expect(server.clients()).toBe(reading.length);
    const expected = Array.from({ length: sent }, (_, i) => i);
    for (const window of reading) expect(window.results).toEqual(expected);
    // Frames are shared by every socket: what stalled windows hold is bounded by the cap, not by the run.
    expect(peakExternal - before.arrayBuffers).toBeLessThan(64 * 1024 * 1024);
    for (const socket of stalled) socket.destroy();
    for (const window of reading) window.socket.close();
  }, 60_000);
});
