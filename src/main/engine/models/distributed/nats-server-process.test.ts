import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { natsServerForTests } from '../../../../test-support/nats';
import { NATS_SERVER_MISSING, locateNatsServer } from './nats-server-locator';
import { startNatsServer } from './nats-server-process';

const binary = natsServerForTests();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The temporary folder of a server: its config file is the argument after -c. */
async function folderOf(pid: number): Promise<string> {
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  if (!args.includes('-c')) throw new Error(`process ${pid} is not a nats-server started with -c`);
  return dirname(args[args.indexOf('-c') + 1]!);
}

describe('locating nats-server', () => {
  it('finds it on PATH or in the usual folders, and names the install commands when it is nowhere', () => {
    const seen: string[] = [];
    const found = locateNatsServer({
      env: { PATH: '/nowhere/bin:/opt/tools' },
      platform: 'linux',
      isExecutable: (path) => (seen.push(path), path === '/opt/tools/nats-server'),
    });
    expect(found).toEqual({ available: true, path: '/opt/tools/nats-server' });
    const missing = locateNatsServer({
      env: { PATH: '/nowhere' },
      platform: 'linux',
      isExecutable: () => false,
    });
    expect(missing).toEqual({ available: false, reason: NATS_SERVER_MISSING });
    expect(NATS_SERVER_MISSING).toMatch(/apt install nats-server/);
    expect(NATS_SERVER_MISSING).toMatch(/brew install nats-server/);
    expect(NATS_SERVER_MISSING).toMatch(/winget/);
    expect(NATS_SERVER_MISSING).toMatch(/--server nats:\/\/HOST:PORT/);
    expect(NATS_SERVER_MISSING).not.toMatch(/\n/);
  });

  it('takes an explicit path only when it is an executable file', () => {
    expect(locateNatsServer({ explicitPath: '/x/nats-server', isExecutable: () => false })).toMatchObject({
      available: false,
      reason: expect.stringMatching(/^\/x\/nats-server is not an executable nats-server/),
    });
  });
});

describe.skipIf(!binary)('a private nats-server', () => {
  it('starts on an ephemeral loopback port, serves clients, and stops leaving no process and no folder', async () => {
    const server = await startNatsServer({ binary: binary! });
    expect(server.url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const nc = await connect({ servers: server.url });
    expect(nc.info?.jetstream).toBe(true);
    await nc.close();
    const dir = await folderOf(server.pid);
    expect(existsSync(dir)).toBe(true);
    await server.stop();
    expect(alive(server.pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('reports its own death to whoever listens, and removes its folder', async () => {
    const server = await startNatsServer({ binary: binary! });
    const died = new Promise<string>((resolve) => server.onExit(resolve));
    const dir = await folderOf(server.pid);
    process.kill(server.pid, 'SIGKILL');
    expect(await died).toMatch(/killed by SIGKILL/);
    await server.stop();
    expect(existsSync(dir)).toBe(false);
  });

  it('fails to start with the server own words when the port is taken', async () => {
    const first = await startNatsServer({ binary: binary! });
    try {
      await expect(startNatsServer({ binary: binary!, port: first.port })).rejects.toThrow(
        /nats-server exited with code 1 \(\[FTL\] .*address already in use/,
      );
    } finally {
      await first.stop();
    }
  });

  it('stops a server whose lab died without stopping it, when the next one starts', async () => {
    const tempRoot = mkdtempSync(join(tmpdir(), 'orphans-'));
    try {
      const orphan = await startNatsServer({ binary: binary!, tempRoot });
      const dir = await folderOf(orphan.pid);
      // The lab that owned it is gone: a process that has exited.
      const gone = spawnSync(process.execPath, ['-e', '0']).pid;
      await writeFile(join(dir, 'owner.json'), JSON.stringify({ labPid: gone, serverPid: orphan.pid }));
      const next = await startNatsServer({ binary: binary!, tempRoot });
      expect(alive(orphan.pid)).toBe(false);
      expect(existsSync(dir)).toBe(false);
      await next.stop();
      expect(readdirSync(tempRoot)).toEqual([]);
    } finally {
      rmSync(tempRoot, { recursive: true, force: true });
    }
  });

  it('fails clearly when the binary cannot be run', async () => {
    await expect(startNatsServer({ binary: '/nonexistent/nats-server' })).rejects.toThrow(
      /could not start \/nonexistent\/nats-server/,
    );
    expect(existsSync('/nonexistent')).toBe(false);
  });
});
