/**
 * `concurrency-lab serve` for a benchmark, as a user would start it: in a sandbox of its own (its
 * data and working folders), so benchmark runs never reach the user's history or logs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server: the URL it printed first, and how to stop it. */
export interface BenchServer {
  readonly url: string;
  stop(): void;
}

/** Starts the server with `args`; its stderr goes to the benchmark's unless `quiet`. */
export async function serveForBench(
  root: string,
  name: string,
  args: readonly string[] = [],
  quiet = false,
): Promise<BenchServer> {
  const sandbox = mkdtempSync(join(tmpdir(), `concurrency-lab-bench-${name}-`));
  const server = spawn(process.execPath, [join(root, 'bin/concurrency-lab.js'), 'serve', ...args], {
    cwd: sandbox,
    env: { ...process.env, CONCURRENCY_LAB_DATA_DIR: join(sandbox, 'data') },
    stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'],
  });
  const url = await new Promise<string>((done) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) done(out.split('\n')[0]!.trim());
    });
  });
  return { url, stop: () => server.kill('SIGTERM') };
}
