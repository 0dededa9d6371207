/** Starts `concurrency-lab serve` (browser mode) as a user would, and inspects the processes it spawns. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(__dirname, '../../bin/concurrency-lab.js');

/** A running browser-mode server. */
export interface LabServer {
  readonly url: string;
  readonly pid: number;
  /** The server's working folder (its logs/) and data folder (its history) live here. */
  readonly sandbox: string;
  /** Processes whose parent is the server (pool processes, the latency server). */
  children(): number[];
  stop(): Promise<void>;
}

/**
 * Starts the server and resolves with the URL it prints as its first line. Each server gets a fresh
 * working and data folder (the tests' runs never reach the user's history or log), unless `sandbox`
 * names one to reuse — a restart on the same history.
 */
export async function startLabServer(options: { sandbox?: string } = {}): Promise<LabServer> {
  const sandbox = options.sandbox ?? mkdtempSync(join(tmpdir(), 'concurrency-lab-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve'], {
    cwd: sandbox,
    env: { ...process.env, CONCURRENCY_LAB_DATA_DIR: join(sandbox, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) done(out.split('\n')[0]!.trim());
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url,
    pid: child.pid!,
    sandbox,
    children() {
      return execFileSync('ps', ['-eo', 'pid=,ppid='])
        .toString()
        .split('\n')
        .map((line) => line.trim().split(/\s+/).map(Number))
        .filter(([pid, ppid]) => ppid === child.pid && pid !== undefined)
        .map(([pid]) => pid!);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
