/** Starts `concurrency-lab serve` (browser mode) as a user would, and inspects the processes it spawns. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(__dirname, '../../bin/concurrency-lab.js');

/**
 * The folders made for servers in this test worker, removed when it exits: a restarted server
 * reuses its folder (the same history) until then, and none is left in the temp folder after.
 */
const made: string[] = [];
process.once('exit', () => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** A running browser-mode server. */
export interface LabServer {
  /** The first line serve prints: the page (the instructor's link in a room). */
  readonly url: string;
  /** The second line, in a room: the attendees' join link. */
  readonly joinUrl: string | null;
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
export async function startLabServer(
  options: { sandbox?: string; args?: readonly string[] } = {},
): Promise<LabServer> {
  const sandbox = options.sandbox ?? mkdtempSync(join(tmpdir(), 'concurrency-lab-e2e-'));
  if (!options.sandbox) made.push(sandbox);
  const args = options.args ?? [];
  // A room prints two links: the instructor's, then the attendees'.
  const lines = args.includes('--token') || args.includes('--attendee-token') ? 2 : 1;
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', ...args], {
    cwd: sandbox,
    env: { ...process.env, CONCURRENCY_LAB_DATA_DIR: join(sandbox, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [url, joinUrl] = await new Promise<string[]>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const printed = out.split('\n');
      if (printed.length > lines) done(printed.slice(0, lines).map((line) => line.trim()));
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url: url!,
    joinUrl: joinUrl ?? null,
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
