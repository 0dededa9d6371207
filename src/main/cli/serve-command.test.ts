import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
  it('defaults to loopback, any free port, no token', () => {
    expect(parseServeArgs([])).toEqual({
      port: 0,
      host: '127.0.0.1',
      token: null,
      open: false,
      log: 'logs/concurrency_results.log',
      help: false,
    });
  });

  it.each([
    [['--port', '70000'], /--port must be an integer from 0 to 65535/],
    [['--port', 'abc'], /--port must be an integer from 0 to 65535/],
    [['--host', '0.0.0.0'], /--host 0\.0\.0\.0 is reachable from other machines: pass --token/],
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
  ])('refuses %j with a message naming the flag', (args, message) => {
    expect(usageError(args)).toMatch(message);
  });

  it('accepts another host with a token', () => {
    expect(parseServeArgs(['--host', '0.0.0.0', '--token', 'abcdefghijklmnop'])).toMatchObject({
      host: '0.0.0.0',
      token: 'abcdefghijklmnop',
    });
  });
});

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

  it('refuses a non-loopback host without a token: one line, exit 2, nothing served', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '--host', '0.0.0.0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/--host 0\.0\.0\.0 .*--token/);
  });
});
