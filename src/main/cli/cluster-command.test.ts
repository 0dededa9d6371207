import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { builtHostScripts } from '../../test-support/engine-options';
import { isAlive } from '../../test-support/distributed';
import { natsServerForTests } from '../../test-support/nats';
import { forkSpawner } from '../engine/models/process-spawner';
import { parseClusterArgs } from './cluster-command';
import { main } from './main';
import { UsageError } from './usage-error';

const bin = resolve(__dirname, '../../../bin/concurrency-lab.js');
const binary = natsServerForTests();

function usageError(args: string[]): string {
  try {
    parseClusterArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no usage error');
}

/** A CLI process whose output is collected, with a way to wait for a line. */
function cli(args: string[]): {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  until(stream: 'out' | 'err', pattern: RegExp): Promise<RegExpExecArray>;
} {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const poke = (): void => waiters.splice(0).forEach((w) => w());
  child.stdout!.on('data', (chunk: Buffer) => ((out += chunk.toString()), poke()));
  child.stderr!.on('data', (chunk: Buffer) => ((err += chunk.toString()), poke()));
  const until = (stream: 'out' | 'err', pattern: RegExp): Promise<RegExpExecArray> =>
    new Promise((resolveMatch, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${out}\n${err}`)), 20_000);
      const check = (): void => {
        const match = pattern.exec(stream === 'out' ? out : err);
        if (match) {
          clearTimeout(timer);
          resolveMatch(match);
        } else waiters.push(check);
      };
      check();
    });
  return { child, out: () => out, err: () => err, until };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolveExit) =>
    child.exitCode !== null ? resolveExit(child.exitCode) : child.once('exit', (code) => resolveExit(code)),
  );
}

describe('cluster flags', () => {
  it('binds loopback on the NATS port by default, without TLS', () => {
    expect(parseClusterArgs([])).toEqual({
      host: '127.0.0.1',
      port: 4222,
      tls: null,
      natsServer: null,
      help: false,
    });
  });

  it.each([
    [['--port', '65536'], /^--port must be an integer from 0 to 65535 \(got "65536"\)$/],
    [['--port', '-1'], /^--port/],
    [['--host', ' '], /^--host needs an address/],
    [['--tls-cert', '/etc/hostname'], /^--tls-cert and --tls-key go together/],
    [['--tls-cert', '/no/cert.pem', '--tls-key', '/no/key.pem'], /^--tls-cert: no file at \/no\/cert\.pem$/],
    [['--nats-server', '/no/nats-server'], /^--nats-server: no file at/],
    [['--open'], /^unknown flag --open \(see: concurrency-lab cluster --help\)$/],
    [['--port'], /^--port needs a value: an integer from 0 to 65535/],
    [['--host', 'a', '--host', 'b'], /^--host is given twice/],
  ])('refuses %j in one line naming the flag', (args, message) => {
    expect(usageError(args)).toMatch(message);
  });

  it('exits 2 with one line saying how to install nats-server when there is none', async () => {
    const stderr: string[] = [];
    const io = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => stderr.push(text) > 0 },
      color: false,
    };
    const previous = process.env.CONCURRENCY_LAB_NATS_SERVER;
    process.env.CONCURRENCY_LAB_NATS_SERVER = '/no/such/nats-server';
    try {
      const code = await main(['cluster', '--port', '0'], {
        ...(io as unknown as Parameters<typeof main>[1]),
        engine: { hostScripts: builtHostScripts(), spawner: forkSpawner },
        version,
      });
      expect(code).toBe(2);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).toMatch(
        /^concurrency-lab: \/no\/such\/nats-server is not an executable nats-server; nats-server is not installed: install it \(.*apt install nats-server.*\), or use a running server with --server nats:\/\/HOST:PORT\n$/,
      );
    } finally {
      if (previous === undefined) delete process.env.CONCURRENCY_LAB_NATS_SERVER;
      else process.env.CONCURRENCY_LAB_NATS_SERVER = previous;
    }
  });
});

describe.skipIf(!binary)('a room: cluster, a worker from another terminal, and the lab', () => {
  it('runs the lab’s next run on the workers that joined, each a lane with its host and pid, and stops cleanly', async () => {
    const cluster = cli(['cluster', '--port', '0']);
    let worker: ReturnType<typeof cli> | null = null;
    try {
      const [, url, user, password] = await cluster.until(
        'out',
        /^concurrency-lab worker --server (\S+) --user (\S+) --password (\S+)\n/,
      );
      const [, instructorPassword] = await cluster.until('err', /user "instructor", password (\S+) /);
      expect(url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);

      worker = cli([
        'worker',
        '--server',
        url!,
        '--user',
        user!,
        '--password',
        password!,
        '--concurrency',
        '2',
      ]);
      await worker.until(
        'err',
        /worker 1 \(pid \d+\) joined\n[^]*worker 2 \(pid \d+\) joined|worker 2 \(pid \d+\) joined\n[^]*worker 1 \(pid \d+\) joined/,
      );
      const workerPids = [...worker.err().matchAll(/worker \d \(pid (\d+)\) joined/g)].map((m) =>
        Number(m[1]),
      );
      await cluster.until(
        'err',
        /\+ \S+ pid \d+ \(\d+ cores, Concurrency Lab [^)]+\) joined[^]*\+ \S+ pid \d+/,
      );

      // The lab's next run, as typed in a third terminal: the joined workers are its lanes.
      const logDir = mkdtempSync(join(tmpdir(), 'lab-log-'));
      const lab = cli([
        'run',
        '--scenario',
        'cpu-primes',
        '--tasks',
        '6',
        '--task-ms',
        '5',
        '--models',
        'distributed',
        '--server',
        url!,
        '--user',
        'instructor',
        '--password',
        instructorPassword!,
        '--workers',
        '0',
        '--format',
        'json',
        '--log',
        join(logDir, 'results.log'),
      ]);
      expect(await exited(lab.child), lab.err()).toBe(0);
      rmSync(logDir, { recursive: true, force: true });
      const report = JSON.parse(lab.out()) as {
        results: { placement: string; check: { ok: boolean }; lanes: { label: string }[] }[];
      };
      const [distributed] = report.results;
      expect(distributed!.check.ok).toBe(true);
      expect(distributed!.placement).toMatch(
        /^0 local \+ 2 worker processes that joined, through NATS at nats:\/\/127\.0\.0\.1:\d+$/,
      );
      const lanePids = distributed!.lanes.map((lane) => Number(/ pid (\d+)/.exec(lane.label)?.[1]));
      expect(lanePids.sort()).toEqual([...workerPids].sort());
      expect(lab.out() + lab.err()).not.toContain(instructorPassword!);

      worker.child.kill('SIGINT');
      expect(await exited(worker.child)).toBe(0);
      expect(worker.err()).toMatch(/left the lab\n$/);
      await cluster.until('err', /- \S+ pid \d+ .* left/);
      expect(workerPids.filter(isAlive)).toEqual([]);
    } finally {
      worker?.child.kill('SIGKILL');
      cluster.child.kill('SIGINT');
      expect(await exited(cluster.child)).toBe(0);
    }
  });
});
