import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseBody } from './workloads/http-get';
import { createLatencyServer, listenLatencyServer } from './latency-server';
import { plannedOutcome } from './workloads/http-get';

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

let server: http.Server;
let port: number;

// node:http without an agent: no keep-alive sockets or client timers outlive a request.
function request(path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function timed(path: string): Promise<Reply & { readonly elapsedMs: number }> {
  const start = performance.now();
  const reply = await request(path);
  return { ...reply, elapsedMs: performance.now() - start };
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
}

async function failingIds(ids: readonly number[], query: string): Promise<number[]> {
  const replies = await Promise.all(ids.map((id) => request(`/delay?id=${id}&${query}`)));
  return ids.filter((_, i) => replies[i]!.status === 500);
}

beforeAll(async () => {
  server = createLatencyServer();
  port = await listenLatencyServer(server);
});

afterAll(async () => {
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
  await closed;
});

describe('latency server', () => {
  it('listens on 127.0.0.1 only and answers /health', async () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    const reply = await request('/health');
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe('ok');
  });

  it('answers /delay with the exact body bytes and the request id', async () => {
    const reply = await request('/delay?id=42&bytes=100000');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['content-length']).toBe('100000');
    expect(reply.headers['x-request-id']).toBe('42');
    expect(reply.body.equals(responseBody(100_000))).toBe(true);
  });

  it('sends a smaller body correctly after a larger one, and an empty body for bytes=0', async () => {
    await request('/delay?id=1&bytes=5000');
    const small = await request('/delay?id=2&bytes=17');
    expect(small.body.equals(responseBody(17))).toBe(true);
    const empty = await request('/delay?id=3');
    expect(empty.status).toBe(200);
    expect(empty.headers['content-length']).toBe('0');
    expect(empty.body.length).toBe(0);
  });

  it('waits at least the requested delay', async () => {
    const reply = await timed('/delay?id=7&ms=100');
    expect(reply.status).toBe(200);
    expect(reply.elapsedMs).toBeGreaterThanOrEqual(90);
  });

  it('adds the planned jitter of the request id to the delay', async () => {
    const id = Array.from({ length: 1000 }, (_, i) => i).find(
      (i) => plannedOutcome(5, i, 300, 0).extraDelayMs >= 150,
    )!;
    const extra = plannedOutcome(5, id, 300, 0).extraDelayMs;
    const reply = await timed(`/delay?id=${id}&jitter=300&seed=5`);
    expect(reply.status).toBe(200);
    expect(reply.elapsedMs).toBeGreaterThanOrEqual(extra - 10);
  });

  it('fails the same request ids on every pass, as planned, at about the requested rate', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => i);
    const first = await failingIds(ids, 'fail=0.5&seed=7');
    const second = await failingIds(ids, 'fail=0.5&seed=7');
    expect(second).toEqual(first);
    expect(first).toEqual(ids.filter((id) => plannedOutcome(7, id, 0, 0.5).fails));
    expect(first.length).toBeGreaterThanOrEqual(60);
    expect(first.length).toBeLessThanOrEqual(140);
    expect(await failingIds(ids.slice(0, 20), 'fail=0')).toEqual([]);
    expect(await failingIds(ids.slice(0, 20), 'fail=1')).toEqual(ids.slice(0, 20));
  });

  it('answers an injected failure with HTTP 500 after the same delay', async () => {
    const id = Array.from({ length: 100 }, (_, i) => i).find((i) => plannedOutcome(0, i, 0, 0.5).fails)!;
    const reply = await timed(`/delay?id=${id}&ms=100&fail=0.5&bytes=10`);
    expect(reply.status).toBe(500);
    expect(reply.body.toString()).toBe('injected failure');
    expect(reply.elapsedMs).toBeGreaterThanOrEqual(90);
  });

  it.each([
    ['/delay', 'id is required: an integer from 0 to 2147483647'],
    ['/delay?id=', 'id must be an integer from 0 to 2147483647'],
    ['/delay?id=-1', 'id must be an integer from 0 to 2147483647'],
    ['/delay?id=1.5', 'id must be an integer from 0 to 2147483647'],
    ['/delay?id=2147483648', 'id must be an integer from 0 to 2147483647'],
    ['/delay?id=1&ms=60001', 'ms must be an integer from 0 to 60000'],
    ['/delay?id=1&ms=abc', 'ms must be an integer from 0 to 60000'],
    ['/delay?id=1&ms=0x10', 'ms must be an integer from 0 to 60000'],
    ['/delay?id=1&bytes=10000001', 'bytes must be an integer from 0 to 10000000'],
    ['/delay?id=1&jitter=60001', 'jitter must be an integer from 0 to 60000'],
    ['/delay?id=1&fail=1.5', 'fail must be a number from 0 to 1'],
    ['/delay?id=1&fail=-0.1', 'fail must be a number from 0 to 1'],
    ['/delay?id=1&fail=half', 'fail must be a number from 0 to 1'],
    ['/delay?id=1&seed=2147483648', 'seed must be an integer from 0 to 2147483647'],
  ])('rejects %s with 400 naming the parameter and its range', async (path, message) => {
    const reply = await request(path);
    expect(reply.status).toBe(400);
    expect(reply.body.toString()).toBe(message);
  });

  it('answers 404 to an unknown path and 405 to a method other than GET', async () => {
    expect((await request('/nope')).status).toBe(404);
    const post = await request('/delay?id=1', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect((await request('/health', 'DELETE')).status).toBe(405);
  });

  it('leaves no timer behind when a client aborts mid-delay', async () => {
    const timersBefore = activeTimers();
    const received = once(server, 'request') as Promise<[http.IncomingMessage, http.ServerResponse]>;
    const aborted = http.get({ host: '127.0.0.1', port, path: '/delay?id=9&ms=60000', agent: false });
    aborted.on('error', () => undefined);
    const [, response] = await received;
    expect(activeTimers()).toBe(timersBefore + 1);
    const responseClosed = once(response, 'close');
    aborted.destroy();
    await responseClosed;
    expect(activeTimers()).toBe(timersBefore);
  });
});

describe('latency server shutdown', () => {
  it('closes once every connection is closed, even with a request mid-delay', async () => {
    const other = createLatencyServer();
    const otherPort = await listenLatencyServer(other);
    const received = once(other, 'request');
    const pending = http.get({
      host: '127.0.0.1',
      port: otherPort,
      path: '/delay?id=1&ms=60000',
      agent: false,
    });
    pending.on('error', () => undefined);
    await received;
    const closed = new Promise<void>((resolve, reject) =>
      other.close((error) => (error ? reject(error) : resolve())),
    );
    other.closeAllConnections();
    await expect(closed).resolves.toBeUndefined();
  });
});
