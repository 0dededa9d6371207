import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../test-support/engine-options';
import { startLatencyServer } from './latency-server-process';
import { forkSpawner, type ProcessSpawner } from '../models/process-spawner';

// The build the vitest global setup keeps fresh.
const script = builtHostScripts().latencyServerHost;
const scratch = mkdtempSync(join(tmpdir(), 'latency-server-process-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** forkSpawner, remembering the pid of every process it started. */
function recordingSpawner(): { readonly spawner: ProcessSpawner; readonly pids: (number | undefined)[] } {
  const pids: (number | undefined)[] = [];
  return {
    pids,
    spawner: {
      kind: forkSpawner.kind,
      spawn(modulePath, options) {
        const child = forkSpawner.spawn(modulePath, options);
        pids.push(child.pid);
        return child;
      },
    },
  };
}

/** A stand-in host script, for the ways a real one can misbehave. */
function fakeHost(name: string, source: string): string {
  const path = join(scratch, `${name}.cjs`);
  writeFileSync(path, source);
  return path;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

function get(url: string): Promise<{ readonly status: number; readonly body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('startLatencyServer', () => {
  it('starts the server in its own process, answers over HTTP, and stops leaving no process', async () => {
    const server = await startLatencyServer(forkSpawner, script);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.pid).toBeGreaterThan(0);
    expect(server.pid).not.toBe(process.pid);
    expect(await get(`${server.url}/health`)).toEqual({ status: 200, body: 'ok' });
    await Promise.all([server.stop(), server.stop()]);
    expect(isRunning(server.pid!)).toBe(false);
    await expect(server.stop()).resolves.toBeUndefined();
  });

  it('does not start anything when the signal is already aborted', async () => {
    const { spawner, pids } = recordingSpawner();
    await expect(startLatencyServer(spawner, script, AbortSignal.abort())).rejects.toThrow('cancelled');
    expect(pids).toEqual([]);
  });

  it('rejects and leaves no process when the signal aborts while the server starts', async () => {
    const { spawner, pids } = recordingSpawner();
    const controller = new AbortController();
    const starting = startLatencyServer(spawner, script, controller.signal);
    controller.abort();
    await expect(starting).rejects.toThrow('cancelled');
    expect(pids).toHaveLength(1);
    expect(isRunning(pids[0]!)).toBe(false);
  });

  it('rejects with the reason when the process exits before listening', async () => {
    const host = fakeHost('exits', `console.error('port is on fire'); process.exit(3);`);
    await expect(startLatencyServer(forkSpawner, host)).rejects.toThrow(
      /exited with code 3 \(port is on fire\) before it was listening/,
    );
  });

  it('rejects with the posted error and kills the process', async () => {
    const { spawner, pids } = recordingSpawner();
    const host = fakeHost(
      'posts-error',
      `process.send({ type: 'error', message: 'EADDRINUSE' }); setInterval(() => {}, 1000);`,
    );
    await expect(startLatencyServer(spawner, host)).rejects.toThrow(
      'the latency server failed to start: EADDRINUSE',
    );
    expect(isRunning(pids[0]!)).toBe(false);
  });

  it('kills a server that ignores stop, and resolves only once it has exited', async () => {
    const host = fakeHost(
      'ignores-stop',
      `process.send({ type: 'listening', port: 1 }); process.on('message', () => {}); setInterval(() => {}, 1000);`,
    );
    const server = await startLatencyServer(forkSpawner, host);
    await server.stop();
    expect(isRunning(server.pid!)).toBe(false);
  });

  it('says how it died when it dies without being asked to stop, and nothing once stopped', async () => {
    const server = await startLatencyServer(forkSpawner, script);
    expect(server.death()).toBeNull();
    process.kill(server.pid!, 'SIGKILL');
    await expect.poll(() => server.death(), { timeout: 10_000 }).toBe('was killed by SIGKILL');
    const stopped = await startLatencyServer(forkSpawner, script);
    await stopped.stop();
    expect(stopped.death()).toBeNull();
  });
});
