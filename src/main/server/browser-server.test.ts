import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../test-support/engine-options';
import { seededRandom } from '../../shared/hashing';
import { createLabService, type LabService } from '../engine/lab-service';
import { forkSpawner } from '../engine/models/process-spawner';
import { startBrowserServer, type BrowserServer } from './browser-server';
import { DEFAULT_REQUEST_LIMITS } from './request-budget';
import { Client } from './ws-client.test-support';

const rendererDir = resolve(__dirname, '../../../out/renderer');

describe('browser mode', () => {
  let service: LabService;
  let server: BrowserServer;
  let origin: string;
  let wsUrl: string;

  beforeAll(async () => {
    service = createLabService({
      engine: { hostScripts: builtHostScripts(), spawner: forkSpawner, callingThread: 'dedicated' },
    });
    // The fuzz below sends hundreds of frames a second: far over a window's budget, which is tested elsewhere.
    const requests = { ...DEFAULT_REQUEST_LIMITS, perSecond: 100_000, burst: 100_000 };
    server = await startBrowserServer({
      service,
      rendererDir,
      host: '127.0.0.1',
      port: 0,
      tokens: null,
      requests,
    });
    origin = `http://127.0.0.1:${server.port}`;
    wsUrl = `ws://127.0.0.1:${server.port}/api`;
  });

  afterAll(async () => {
    await server.close();
    await service.close();
  });

  it('serves the page cross-origin isolated, with a strict CSP', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:\/\/(?!127\.0\.0\.1)/);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('refuses paths outside the built renderer and requests for other hosts', async () => {
    expect((await fetch(`${origin}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${origin}/%2e%2e/main/cli.js`)).status).toBe(404);
    const rebound = await new Promise<number>((done) => {
      void import('node:http').then(({ get }) =>
        get(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/',
            headers: { host: `evil.example:${server.port}` },
          },
          (r) => done(r.statusCode!),
        ),
      );
    });
    expect(rebound).toBe(421);
  });

  it('refuses WebSocket upgrades from another origin, or without one', async () => {
    await expect(Client.open(wsUrl, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(Client.open(wsUrl, `http://127.0.0.1:${server.port + 1}`)).rejects.toThrow(/403/);
  });

  it('answers the contract over the socket, with typed errors for bad input', async () => {
    const client = await Client.open(wsUrl, origin);
    const catalog = await client.invoke('lab:catalog', null);
    expect(catalog).toMatchObject({ ok: true, value: { processKind: 'child_process' } });
    expect(await client.invoke('run:destroy-everything', null)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    const bad = await client.invoke('run:start', { scenario: 'io-sleep', params: { tasks: 0 } });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        issues: [{ field: 'params.tasks', message: 'must be an integer from 1 to 100000' }],
      },
    });
    expect(await client.raw('{not json')).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: 'message is not valid JSON' },
    });
    expect(
      await client.raw(JSON.stringify({ type: 'invoke', id: 'x', channel: 'lab:catalog' })),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/^id /) },
    });
    client.close();
  });

  it('answers every one of 500 random frames with a typed error, and stays healthy', async () => {
    const client = await Client.open(wsUrl, origin);
    const random = seededRandom(99);
    const junk = (depth: number): unknown => {
      const r = random();
      if (depth > 2 || r < 0.3)
        return [null, true, -1, 1e308, 'x'.repeat(Math.floor(random() * 50)), NaN][Math.floor(random() * 6)];
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => junk(depth + 1));
      const keys = [
        'type',
        'id',
        'channel',
        'payload',
        'scenario',
        'params',
        '__proto__',
        'constructor',
        'runId',
        'format',
      ];
      return Object.fromEntries(keys.filter(() => random() < 0.4).map((k) => [k, junk(depth + 1)]));
    };
    const channels = [
      'lab:catalog',
      'run:start',
      'run:cancel',
      'run:export',
      'history:list',
      'history:open',
      'nope',
    ];
    for (let i = 0; i < 500; i++) {
      const id = 10_000 + i;
      const frame =
        random() < 0.5
          ? JSON.stringify({
              type: 'invoke',
              id,
              channel: channels[Math.floor(random() * channels.length)],
              payload: junk(0),
            })
          : JSON.stringify(junk(0));
      const reply = await client.rawNext(frame);
      // Junk never starts a run: anything accepted must be a harmless read.
      if (reply.ok) expect(frame).toMatch(/lab:catalog|history:list/);
      else expect(reply.error.message.length).toBeGreaterThan(0);
    }
    expect(await client.invoke('lab:catalog', null)).toMatchObject({ ok: true });
    client.close();
  });

  it('runs a scenario: progress events, then the finished view, then exports', async () => {
    const client = await Client.open(wsUrl, origin);
    const started = await client.invoke('run:start', {
      scenario: 'io-sleep',
      params: { tasks: 4, taskMs: 100 },
      models: ['sequential', 'async', 'threads'],
      pool: { threads: 2 },
    });
    expect(started.ok).toBe(true);
    const { runId } = (started as { value: { runId: string } }).value;
    expect(await client.invoke('run:start', { scenario: 'io-sleep' })).toMatchObject({
      ok: false,
      error: { code: 'busy' },
    });
    const finished = await client.waitForEvent('run:finished');
    expect(finished.run.runId).toBe(runId);
    expect(finished.run.results.map((r) => r.state)).toEqual(['done', 'done', 'done']);
    expect(finished.verdict).toMatch(/faster than sequential/);
    expect(finished.snapshots).toHaveLength(3);
    const progress = client.events.filter((e) => e.type === 'event' && e.event === 'run:progress');
    expect(progress.length).toBeGreaterThan(3);
    // Snapshots only: never one message per task, and each well under 64 KB.
    for (const event of progress) expect(JSON.stringify(event).length).toBeLessThan(64 * 1024);
    const csv = await client.invoke('run:export', { runId, format: 'csv' });
    expect(csv).toMatchObject({
      ok: true,
      value: { mimeType: 'text/csv', filename: expect.stringMatching(/\.csv$/) },
    });
    expect(await client.invoke('history:list', null)).toMatchObject({ ok: true, value: [{ runId }] });
    expect(await client.invoke('run:cancel', { runId })).toMatchObject({
      ok: true,
      value: { cancelled: false },
    });
    client.close();
  });
});
