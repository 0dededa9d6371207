import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelSnapshot } from '../../../shared/results';
import { builtHostScripts } from '../../../test-support/engine-options';
import { forkSpawner, type ProcessSpawner } from '../models/process-spawner';
import { runScenario } from './run-session';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The fork spawner, remembering every pid it started. */
function recordingSpawner(pids: number[]): ProcessSpawner {
  return {
    kind: forkSpawner.kind,
    spawn(modulePath, options) {
      const child = forkSpawner.spawn(modulePath, options);
      if (child.pid) pids.push(child.pid);
      return child;
    },
  };
}

describe('cancelling a run', () => {
  it('stops the running model, skips the rest, and leaves no process behind', async () => {
    const pids: number[] = [];
    const controller = new AbortController();
    const run = runScenario(
      {
        scenario: 'http-requests',
        params: { tasks: 20, latencyMs: 30_000 },
        models: ['processes', 'threads', 'sequential'],
        pool: { processes: 2 },
      },
      { hostScripts: builtHostScripts(), spawner: recordingSpawner(pids) },
      {
        signal: controller.signal,
        onSnapshot: (snapshot: ModelSnapshot) => {
          if (snapshot.model === 'processes' && snapshot.running > 0) controller.abort();
        },
      },
    );
    const result = await run;
    expect(result.state).toBe('cancelled');
    expect(result.results.map((r) => r.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(result.results[0]!.notes[0]).toMatch(/^cancelled after 0 of 20 tasks/);
    // The latency server and both pool processes were started, and none survived.
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(pids.filter(alive)).toEqual([]);
  });

  it('stops CPU work on the calling thread at its next checkpoint', async () => {
    const controller = new AbortController();
    const result = await runScenario(
      { scenario: 'cpu-primes', params: { tasks: 2, taskMs: 5000 }, models: ['sequential'], pool: {} },
      { hostScripts: builtHostScripts(), spawner: forkSpawner },
      {
        signal: controller.signal,
        onSnapshot: (snapshot) => {
          if (snapshot.running > 0) setTimeout(() => controller.abort(), 50);
        },
      },
    );
    expect(result.results[0]!.state).toBe('cancelled');
    expect(result.results[0]!.completed).toBe(0);
  });
});

describe('Ctrl-C in the CLI', () => {
  it('prints the partial results, exits 130 and leaves no child process', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'concurrency-lab-cli-'));
    const cli = spawn(
      process.execPath,
      [
        resolve(__dirname, '../../../../bin/concurrency-lab.js'),
        'run',
        '--scenario',
        'io-sleep',
        '--models',
        'processes,threads',
        '--tasks',
        '4',
        '--task-ms',
        '30000',
      ],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((done) => cli.on('exit', (code) => done(code)));
    const children = (): number[] => {
      const found: number[] = [];
      for (const line of execFileSync('ps', ['-eo', 'pid=,ppid=']).toString().split('\n')) {
        const [pid, ppid] = line.trim().split(/\s+/).map(Number);
        if (ppid === cli.pid && pid) found.push(pid);
      }
      return found;
    };
    let seen: number[] = [];
    for (let i = 0; i < 200 && seen.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = children();
    }
    expect(seen.length).toBe(2);
    cli.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stdout).toMatch(/processes \(cancelled\)/);
    expect(stdout).toMatch(/Cancelled: partial results\./);
    expect(seen.filter(alive)).toEqual([]);
  });
});
