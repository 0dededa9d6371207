import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseServeArgs } from './serve-command';
import { UsageError } from './usage-error';

const bin = resolve(__dirname, '../../../bin/concurrency-lab.js');

function usageError(args: string[]): string {
  try {
    parseServeArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no usage error');
}

describe('serve flags', () => {
  it('defaults to loopback, any free port, no room', () => {
    expect(parseServeArgs([])).toEqual({
      port: 0,
      host: '127.0.0.1',
      tokens: null,
      tokensGenerated: false,
      maxClients: 200,
      open: false,
      log: 'logs/concurrency_results.log',
      python: null,
      help: false,
    });
    expect(parseServeArgs(['--python', '/opt/python3.13']).python).toBe('/opt/python3.13');
    expect(() => parseServeArgs(['--python', ' '])).toThrow(
      '--python needs the path of a Python interpreter',
    );
  });

  it('makes a room with both tokens off loopback, keeping the ones given', () => {
    const room = parseServeArgs(['--host', '0.0.0.0']);
    expect(room.tokens?.instructor).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(room.tokens?.attendee).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(room.tokens?.attendee).not.toBe(room.tokens?.instructor);
    expect(room.tokensGenerated).toBe(true);
    const given = parseServeArgs([
      '--host',
      '0.0.0.0',
      '--token',
      'abcdefghijklmnop',
      '--attendee-token',
      'qrstuvwxyz012345',
      '--max-clients',
      '50',
    ]);
    expect(given).toMatchObject({
      tokens: { instructor: 'abcdefghijklmnop', attendee: 'qrstuvwxyz012345' },
      tokensGenerated: false,
      maxClients: 50,
    });
  });

  it.each([
    [['--port', '70000'], /--port must be an integer from 0 to 65535/],
    [['--port', 'abc'], /--port must be an integer from 0 to 65535/],
    [['--host', '192.168.1.5', '--token', 'short'], /--token must be 16 to 128/],
    [['--bogus'], /unknown flag --bogus/],
    [['--port', '-1'], /--port must be an integer from 0 to 65535 \(got "-1"\)/],
    [['--port=-1'], /--port must be an integer from 0 to 65535 \(got "-1"\)/],
    [['--port', '8080', '--port', '9090'], /--port is given twice \("8080" and "9090"\): give it once/],
    [['--open', '--open'], /--open is given twice: give it once/],
    [
      ['stray'],
      /^unexpected argument "stray": every setting is a --flag \(see: concurrency-lab serve --help\)$/,
    ],
    [['--port'], /--port needs a value: an integer from 0 to 65535/],
    [['--attendee-token', 'short'], /--attendee-token must be 16 to 128/],
    [['--token', 'abcdefghijklmnop', '--attendee-token', 'abcdefghijklmnop'], /must differ from --token/],
    [['--max-clients', '0'], /--max-clients must be an integer from 1 to 10000 \(got "0"\)/],
    [
      ['--max-clients', '9'.repeat(500)],
      /--max-clients must be an integer from 1 to 10000 \(got "9{40}…" \(500 characters\)\)/,
    ],
  ])('refuses %j with a message naming the flag', (args, message) => {
    expect(usageError(args)).toMatch(message);
  });
});

function startServe(args: string[]) {
  const sandbox = mkdtempSync(join(tmpdir(), 'concurrency-lab-serve-'));
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    cwd: sandbox,
    env: { ...process.env, CONCURRENCY_LAB_DATA_DIR: join(sandbox, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const lines = async (count: number): Promise<string[]> => {
    await until(() => out.split('\n').length > count);
    return out.split('\n').slice(0, count);
  };
  return { child, lines, stderr: () => err };
}

async function until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('concurrency-lab serve', () => {
  it('prints the URL as its first line, serves the app there, and stops on SIGTERM', async () => {
    const sandbox = mkdtempSync(join(tmpdir(), 'concurrency-lab-serve-'));
    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: sandbox,
      env: { ...process.env, CONCURRENCY_LAB_DATA_DIR: join(sandbox, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const firstLine = await new Promise<string>((done, fail) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) done(out.split('\n')[0]!);
      });
      child.once('exit', (code) => fail(new Error(`serve exited with ${code}`)));
    });
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(firstLine);
    expect(page.status).toBe(200);
    expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('prints the instructor’s link, then the attendees’ link and its QR code, for a room', async () => {
    const { child, lines, stderr } = startServe(['--token', 'instructor-token-0123456789']);
    const [instructor, attendee] = await lines(2);
    expect(instructor).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=instructor-token-0123456789$/);
    expect(attendee).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    await until(() => stderr().includes('▀'));
    expect(stderr()).toContain(`Attendees join: ${attendee}`);
    const exited = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits within 500 ms of SIGINT, idle with a window connected (issue 10, #11)', async () => {
    const { child, lines } = startServe([]);
    const [url] = await lines(1);
    const { host, origin } = new URL(url!);
    const socket = new WebSocket(`ws://${host}/api`, { origin });
    await new Promise((done) => socket.once('open', done));
    const exited = new Promise<number>((done) => child.once('exit', () => done(performance.now())));
    const sent = performance.now();
    child.kill('SIGINT');
    // Measured 10 ms on a quiet machine: the bound leaves room for a busy one.
    expect((await exited) - sent).toBeLessThan(500);
  });
});
