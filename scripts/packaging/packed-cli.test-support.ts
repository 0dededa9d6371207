/**
 * Drives a packed or installed `concurrency-lab` the way a user would: a short run and browser mode,
 * in a clean environment (its own home, data folder and working folder; no NODE_PATH, no npm settings).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { expect } from 'vitest';

/** How a command ended and what it printed. */
export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** An environment with nothing from this repository or from npm in it; `home` holds the data folder. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  mkdirSync(join(home, 'data'), { recursive: true });
  const keep = ['PATH', 'SystemRoot', 'TEMP', 'TMP', 'TMPDIR', 'LANG'];
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key];
  // The `node` on PATH must be this one: the installed command is a `#!/usr/bin/env node` script.
  env.PATH = [dirname(process.execPath), env.PATH ?? ''].join(delimiter);
  return { ...env, HOME: home, USERPROFILE: home, CONCURRENCY_LAB_DATA_DIR: join(home, 'data'), ...extra };
}

/** Runs `command args` to the end in `cwd`. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32' && command.endsWith('.cmd'),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One run of every model on two short I/O waits, checked from its JSON report: every task done, every answer right. */
export async function expectShortRunSucceeds(
  command: string,
  prefixArgs: readonly string[],
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
): Promise<void> {
  const args = [
    ...prefixArgs,
    'run',
    '--scenario',
    'io-sleep',
    '--tasks',
    '2',
    '--task-ms',
    '10',
    '--format',
    'json',
  ];
  const result = await runCommand(command, args, options);
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as {
    results: Array<{ model: string; completed: number; failed: number; check: { ok: boolean } }>;
  };
  expect(report.results.map((r) => r.model)).toEqual([
    'sequential',
    'async',
    'threads',
    'gil-threads',
    'processes',
  ]);
  for (const model of report.results)
    expect(model, model.model).toMatchObject({ completed: 2, failed: 0, check: { ok: true } });
}

/** What browser mode served: its page and the page's script, and what it printed on stderr. */
export interface ServedPage {
  readonly pageStatus: number;
  readonly page: string;
  readonly scriptStatus: number;
  readonly stderr: string;
}

/** Starts `serve --port 0`, fetches the page it prints and the page's script, then stops it. */
export function serveAndFetch(
  command: string,
  prefixArgs: readonly string[],
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
): Promise<ServedPage> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefixArgs, 'serve', '--port', '0'], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32' && command.endsWith('.cmd'),
    });
    let stdout = '';
    let stderr = '';
    let fetched: ServedPage | null = null;
    let failure: unknown = null;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const before = stdout;
      stdout += chunk.toString();
      // The URL is the first line printed; fetch once it is complete.
      if (before.includes('\n') || !stdout.includes('\n')) return;
      const url = stdout.split('\n')[0]!.trim();
      void (async () => {
        try {
          const pageResponse = await fetch(url);
          const page = await pageResponse.text();
          const script = /<script[^>]*src="([^"]+)"/.exec(page)?.[1] ?? 'missing-script.js';
          const scriptResponse = await fetch(new URL(script, url));
          await scriptResponse.arrayBuffer();
          fetched = {
            pageStatus: pageResponse.status,
            page,
            scriptStatus: scriptResponse.status,
            stderr: '',
          };
        } catch (error) {
          failure = error;
        } finally {
          child.kill('SIGTERM');
        }
      })();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (failure) reject(failure instanceof Error ? failure : new Error(String(failure)));
      else if (!fetched) reject(new Error(`serve exited with ${code} before serving its page: ${stderr}`));
      else resolve({ ...fetched, stderr });
    });
  });
}
