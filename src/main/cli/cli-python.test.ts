/**
 * The real `concurrency-lab` command with the CPython models: the done criterion at a small
 * size, the interpreter chosen by --python or CONCURRENCY_LAB_PYTHON, and a machine without Python,
 * where everything else works as before and the Python models say why they cannot run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '../../../bin/concurrency-lab.js');

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'concurrency-lab-py-cli-'));
  tempDirs.push(dir);
  return dir;
}

/** Runs the command with `env` over this process's environment (undefined removes a variable). */
function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...process.env, NO_COLOR: '1', ...env }))
      if (value !== undefined) merged[key] = value;
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: freshDir(),
      env: merged,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** A PATH with no Python on it (node is started by its full path, so it needs none). */
const NO_PYTHON = { PATH: '/nonexistent-bin', CONCURRENCY_LAB_PYTHON: undefined };

/** The table's rows: model id (fastest star removed) and the rest of the line. */
function tableRows(stdout: string): Map<string, string> {
  const lines = stdout.split('\n');
  const rule = lines.findIndex((line) => /^-+(\s+-+)+$/.test(line));
  const rows = new Map<string, string>();
  for (const line of lines.slice(rule + 1)) {
    if (line.trim() === '') break;
    const [model] = line.split(/\s{2,}/);
    rows.set(model!.replace(/\*$/, ''), line);
  }
  return rows;
}

describe('concurrency-lab with real CPython', () => {
  it('races threads, gil-threads, py-threads and py-processes in one table with checked answers', async () => {
    const run = await cli([
      'run',
      '--scenario',
      'cpu-primes',
      '--tasks',
      '2',
      '--task-ms',
      '5',
      '--models',
      'threads,gil-threads,py-threads,py-processes',
      '--threads',
      '2',
      '--processes',
      '2',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const rows = tableRows(run.stdout);
    expect([...rows.keys()]).toEqual(['threads', 'gil-threads', 'py-threads', 'py-processes']);
    for (const line of rows.values()) expect(line).not.toMatch(/wrong answer|failed/);
    expect(rows.get('py-threads')).toMatch(/2 threads \(CPython 3\.\d+\.\d+, GIL\)/);
    expect(rows.get('py-threads')).toContain('add py-sequential for a Python speedup');
    expect(run.stdout).toMatch(/^Checked answer \(4 models\): [\d,]+ primes in 2 ranges/m);
  });

  it('measures Python against py-sequential and CPython against Node when both plain loops ran', async () => {
    const run = await cli([
      'run',
      '--scenario',
      'cpu-primes',
      '--tasks',
      '2',
      '--task-ms',
      '5',
      '--models',
      'sequential,py-sequential,py-processes',
      '--format',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      results: { model: string; speedup: number | null; python?: { clock: { uncertaintyMs: number } } }[];
    };
    const [sequential, pySequential, pyProcesses] = report.results;
    expect(sequential!.python).toBeUndefined();
    expect(pySequential!.speedup).toBe(1);
    expect(pyProcesses!.speedup).toBeGreaterThan(0);
    expect(pyProcesses!.python!.clock.uncertaintyMs).toBeGreaterThanOrEqual(0);
  });

  it('exits 2 with one line when a Python model cannot run, and names the interpreter asked for', async () => {
    const run = await cli(['run', '--scenario', 'io-sleep', '--models', 'threads,py-threads'], NO_PYTHON);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'concurrency-lab: py-threads is unavailable: no usable Python: python3 not found; python not found\n',
    );
    const named = await cli([
      'run',
      '--scenario',
      'io-sleep',
      '--models',
      'py-sequential',
      '--python',
      '/no/python9',
    ]);
    expect(named.code).toBe(2);
    expect(named.stderr).toBe(
      'concurrency-lab: py-sequential is unavailable: no usable Python: /no/python9 not found\n',
    );
  });

  it('without Python runs the Node models as before, and the catalog says why the Python ones cannot run', async () => {
    const run = await cli(['run', '--scenario', 'io-sleep', '--tasks', '2', '--task-ms', '10'], NO_PYTHON);
    expect(run.code, run.stderr).toBe(0);
    expect([...tableRows(run.stdout).keys()]).toEqual([
      'sequential',
      'async',
      'threads',
      'gil-threads',
      'processes',
    ]);

    const text = await cli(['scenarios'], NO_PYTHON);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('py-threads');
    expect(text.stdout).toContain('[unavailable: no usable Python: python3 not found; python not found]');
    expect(text.stdout).toMatch(
      /Python \(for the py-\* models\):\n {2}none usable: no usable Python: python3 not found/,
    );

    const json = await cli(['scenarios', '--json'], {
      CONCURRENCY_LAB_PYTHON: '/no/python9',
      PATH: process.env.PATH,
    });
    const catalog = JSON.parse(json.stdout) as {
      python: { interpreters: unknown[]; unavailable: string };
      models: { id: string; availability: { available: boolean } }[];
    };
    expect(catalog.python).toEqual({
      interpreters: [],
      unavailable: 'no usable Python: /no/python9 not found',
    });
    expect(catalog.models.find((m) => m.id === 'py-threads')!.availability.available).toBe(false);
    expect(catalog.models.find((m) => m.id === 'threads')!.availability.available).toBe(true);
  });

  it('lists the interpreters found, with path, version and build', async () => {
    const json = await cli(['scenarios', '--json']);
    const catalog = JSON.parse(json.stdout) as {
      python: { interpreters: { path: string; version: string; build: string; label: string }[] };
    };
    expect(catalog.python.interpreters[0]).toMatchObject({
      path: expect.stringMatching(/python/),
      version: expect.stringMatching(/^3\.\d+\.\d+/),
      build: 'GIL',
    });
  });
});
