/**
 * The room's guards, over real sockets on loopback: which Host headers a wildcard bind answers, that a
 * name is never taken for loopback, and that nothing a request sends is written back in a header.
 */
import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../test-support/engine-options';
import { parseServeArgs } from '../cli/serve-command';
import { createLabService, type LabService } from '../engine/lab-service';
import { forkSpawner } from '../engine/models/process-spawner';
import { startBrowserServer, type BrowserServer } from './browser-server';
import { canonicalHost, isLoopbackHost } from './host-guard';

const rendererDir = resolve(__dirname, '../../../out/renderer');
const tokens = { instructor: 'instructor-token-0123456789', attendee: 'attendee-token-0123456789' };

/** One raw HTTP exchange over loopback: status and header lines, whatever Host the request names. */
function exchange(port: number, lines: readonly string[]): Promise<{ status: number; headers: string[] }> {
  return new Promise((done, fail) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.destroy();
      const [statusLine, ...headers] = text.slice(0, end).split('\r\n');
      done({ status: Number(statusLine!.split(' ')[1]), headers });
    });
    socket.on('error', fail);
  });
}

const request = (port: number, host: string, path = '/', extra: string[] = []) =>
  exchange(port, [`GET ${path} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...extra]);

/** An address of this machine's interfaces other than loopback, as a Host header names it, if it has one. */
function interfaceHost(): string | null {
  const address = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .find((info) => !info.internal && !isLoopbackHost(info.address))?.address;
  return address ? canonicalHost(address) : null;
}

describe('a room served on every interface (0.0.0.0)', () => {
  let service: LabService;
  let server: BrowserServer;

  beforeAll(async () => {
    service = createLabService({ engine: { hostScripts: builtHostScripts(), spawner: forkSpawner } });
    server = await startBrowserServer({ service, rendererDir, host: '0.0.0.0', port: 0, tokens });
  });

  afterAll(async () => {
    await server.close();
    await service.close();
  });

  it('answers 127.0.0.1, localhost and the machine’s own addresses (sent over loopback)', async () => {
    const port = server.port;
    const names = ['127.0.0.1', 'localhost', interfaceHost()].filter((n): n is string => n !== null);
    for (const name of names) {
      const join = await request(port, `${name}:${port}`, `/?token=${tokens.attendee}`);
      expect(join.status, name).toBe(303);
      const page = await request(port, `${name}:${port}`);
      expect(page.status, name).toBe(401);
    }
  });

  it('refuses any other Host with 421: foreign names, the wildcard, look-alikes, another port', async () => {
    const port = server.port;
    for (const host of [
      `evil.example:${port}`,
      `0.0.0.0:${port}`,
      `127.0.0.1.example:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      '127.0.0.1',
    ]) {
      expect((await request(port, host, `/?token=${tokens.instructor}`)).status, host).toBe(421);
      const upgrade = await request(port, host, '/api', [
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Version: 13',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        `Origin: http://${host}`,
      ]);
      expect(upgrade.status, host).toBe(421);
    }
  });

  it('never writes a request header into a response header', async () => {
    const port = server.port;
    const marks = (host: string): string[] => [
      `Host: ${host}`,
      'Origin: http://origin-mark.example',
      'Referer: http://referer-mark.example/page',
      'User-Agent: agent-mark/1.0',
      'Cookie: lab_session_cookie=cookie-mark-value',
      'X-Forwarded-Host: forwarded-mark.example',
      'Accept-Language: language-mark',
    ];
    const upgrade = [
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ];
    const cases: [string, string, string[]][] = [
      [`127.0.0.1:${port}`, '/', []],
      [`127.0.0.1:${port}`, '/index.html', []],
      [`127.0.0.1:${port}`, `/?token=${tokens.attendee}`, []],
      [`127.0.0.1:${port}`, '/?token=not-a-valid-token-at-all', []],
      [`127.0.0.1:${port}`, '/assets/missing.js', []],
      [`127.0.0.1:${port}`, '/api', []],
      [`reflected-host-mark.example:${port}`, '/', []],
      [`127.0.0.1:${port}`, '/api', upgrade],
      [`reflected-host-mark.example:${port}`, '/api', upgrade],
    ];
    for (const [host, path, extra] of cases) {
      const sent = [...marks(host), ...extra];
      const { status, headers } = await exchange(port, [
        `GET ${path} HTTP/1.1`,
        ...sent,
        'Connection: close',
      ]);
      expect(status).toBeGreaterThanOrEqual(200);
      const values = sent.map((line) => line.slice(line.indexOf(':') + 2)).filter((v) => v.length >= 8);
      for (const header of headers)
        for (const value of values) expect(header, `${path} via ${host}`).not.toContain(value);
    }
  });
});

describe('what counts as loopback for --host', () => {
  it('asks a token of a name that merely starts like a loopback address', () => {
    expect(parseServeArgs(['--host', '127.0.0.1.example']).tokens).not.toBeNull();
    expect(parseServeArgs(['--host', '127.0.0.1.nip.invalid']).tokens).not.toBeNull();
    expect(parseServeArgs(['--host', '0.0.0.0']).tokens).not.toBeNull();
    expect(parseServeArgs(['--host', '127.0.0.2']).tokens).toBeNull();
    expect(parseServeArgs(['--host', '::ffff:127.0.0.1']).tokens).toBeNull();
  });

  it('answers Host 127.0.0.1 on an IPv4-mapped loopback bind', async (context) => {
    const service = createLabService({ engine: { hostScripts: builtHostScripts(), spawner: forkSpawner } });
    let server: BrowserServer;
    try {
      server = await startBrowserServer({
        service,
        rendererDir,
        host: '::ffff:127.0.0.1',
        port: 0,
        tokens: null,
      });
    } catch (error) {
      await service.close();
      // Machines without IPv6 cannot bind it at all.
      return context.skip(`no IPv6 here: ${String(error)}`);
    }
    try {
      const response = await new Promise<number>((done) =>
        http.get({ host: '127.0.0.1', port: server.port, path: '/' }, (r) => {
          r.resume();
          done(r.statusCode!);
        }),
      );
      expect(response).toBe(200);
    } finally {
      await server.close();
      await service.close();
    }
  });
});
