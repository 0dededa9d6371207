import http from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomSession } from '../../shared/room';
import { builtHostScripts } from '../../test-support/engine-options';
import { createLabService, type LabService } from '../engine/lab-service';
import { forkSpawner } from '../engine/models/process-spawner';
import { startBrowserServer, type BrowserServer } from './browser-server';
import { Client } from './ws-client.test-support';

const rendererDir = resolve(__dirname, '../../../out/renderer');
const tokens = { instructor: 'instructor-token-0123456789', attendee: 'attendee-token-0123456789' };

/** A GET over loopback with the headers given, answered without following redirects. */
function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<http.IncomingMessage & { body: string }>((done, fail) => {
    http
      .get(
        { host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => done(Object.assign(response, { body })));
        },
      )
      .on('error', fail);
  });
}

describe('browser mode serving a room', () => {
  let service: LabService;
  let server: BrowserServer;
  let origin: string;
  let wsUrl: string;

  beforeAll(async () => {
    service = createLabService({ engine: { hostScripts: builtHostScripts(), spawner: forkSpawner } });
    server = await startBrowserServer({ service, rendererDir, host: '127.0.0.1', port: 0, tokens });
    origin = `http://127.0.0.1:${server.port}`;
    wsUrl = `ws://127.0.0.1:${server.port}/api`;
  });

  afterAll(async () => {
    await server.close();
    await service.close();
  });

  /** Opens a join link as a browser would and returns the session cookie it was given. */
  async function join(token: string): Promise<string> {
    const response = await get(server.port, `/?token=${token}`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    return response.headers['set-cookie']![0]!.split(';')[0]!;
  }

  it('has two links: the instructor’s, and the attendees’ with a QR code', () => {
    expect(server.url).toBe(`${origin}/?token=${tokens.instructor}`);
    expect(server.join?.url).toBe(`${origin}/?token=${tokens.attendee}`);
    expect(server.join?.qr.length).toBeGreaterThan(20);
  });

  it('trades a join link for a session cookie and a plain address; nothing without one', async () => {
    const cookie = await join(tokens.attendee);
    const page = await get(server.port, '/', { cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const anonymous = await get(server.port, '/');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).toMatch(/open the join link/);
    expect((await get(server.port, '/assets/anything.js')).statusCode).toBe(401);
    const wrong = await get(server.port, '/?token=attendee-token-012345678X');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toMatch(/does not work/);
  });

  it('refuses a WebSocket without a session, and one from another origin even with it', async () => {
    await expect(Client.open(wsUrl, origin)).rejects.toThrow(/401/);
    await expect(Client.open(`${wsUrl}?token=${tokens.instructor}`, origin)).rejects.toThrow(/401/);
    const cookie = await join(tokens.instructor);
    await expect(Client.open(wsUrl, 'http://evil.example', { cookie })).rejects.toThrow(/403/);
  });

  it('gives each window its role: an attendee follows and reads, and is refused a run naming its role', async () => {
    const attendee = await Client.open(wsUrl, origin, { cookie: await join(tokens.attendee) });
    const instructor = await Client.open(wsUrl, origin, { cookie: await join(tokens.instructor) });
    const session = (await attendee.invoke('room:state', null)) as { ok: true; value: RoomSession };
    expect(session.value.you.role).toBe('attendee');
    expect(session.value.join?.url).toBe(server.join?.url);
    expect(JSON.stringify(session.value)).not.toContain(tokens.instructor);
    expect(await attendee.invoke('run:start', { scenario: 'io-sleep', models: ['async'] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', role: 'attendee' },
    });
    expect(await attendee.invoke('history:list', null)).toMatchObject({ ok: true });
    const mine = (await instructor.invoke('room:state', null)) as { ok: true; value: RoomSession };
    expect(mine.value.you.role).toBe('instructor');
    const started = await instructor.invoke('run:start', {
      scenario: 'io-sleep',
      params: { tasks: 2, taskMs: 1 },
      models: ['async'],
    });
    expect(started.ok).toBe(true);
    // The attendee follows the run it could not start.
    const finished = await attendee.waitForEvent('run:finished');
    expect(finished.run.runId).toBe((started as { value: { runId: string } }).value.runId);
    await attendee.waitForEvent('room:changed');
    attendee.close();
    instructor.close();
  });

  it('lets programs use a Bearer token instead of a cookie', async () => {
    const client = await Client.open(wsUrl, origin, { authorization: `Bearer ${tokens.attendee}` });
    expect(await client.invoke('room:state', null)).toMatchObject({
      ok: true,
      value: { you: { role: 'attendee' } },
    });
    client.close();
  });
});
