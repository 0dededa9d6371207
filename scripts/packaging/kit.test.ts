/**
 * The offline workshop kit, installed as a workshop would: `npm install -g <tarball> --offline` into
 * a fresh prefix, with an empty npm cache and the registry pointed at an address nothing answers on,
 * then `concurrency-lab scenarios | run | serve` from the installed command.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKit, type Kit } from './build-kit';
import { projectDir } from './pack-app';
import {
  cleanEnv,
  expectShortRunSucceeds,
  runCommand,
  serveAndFetch,
  type CommandResult,
} from './packed-cli.test-support';
import { productionPackageDirs, readManifest } from './production-dependencies';

/** Port 9 (discard) on loopback: connections are refused at once, so any registry request fails. */
const UNREACHABLE_REGISTRY = 'http://127.0.0.1:9/';

let work: string;
let kit: Kit;
let prefix: string;
let install: CommandResult;

/** The installed `concurrency-lab` command in an npm global prefix. */
function installedCommand(): string {
  return process.platform === 'win32'
    ? join(prefix, 'concurrency-lab.cmd')
    : join(prefix, 'bin/concurrency-lab');
}

function installedPackage(): string {
  return process.platform === 'win32'
    ? join(prefix, 'node_modules/concurrency-lab')
    : join(prefix, 'lib/node_modules/concurrency-lab');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'concurrency-lab-kit-test-'));
  kit = await buildKit(join(work, 'kit'));
  prefix = join(work, 'prefix');
  const npmCli = process.env.npm_execpath?.endsWith('.js') ? process.env.npm_execpath : null;
  const args = [
    'install',
    '--global',
    kit.tarball,
    '--offline',
    '--prefix',
    prefix,
    '--cache',
    join(work, 'empty-npm-cache'),
    '--registry',
    UNREACHABLE_REGISTRY,
    '--no-audit',
    '--no-fund',
  ];
  install = npmCli
    ? await runCommand(process.execPath, [npmCli, ...args], {
        cwd: work,
        env: cleanEnv(join(work, 'home-install')),
      })
    : await runCommand(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
        cwd: work,
        env: cleanEnv(join(work, 'home-install')),
      });
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the offline workshop kit', () => {
  it('is one tarball named after the version', () => {
    const { version } = readManifest(projectDir) as { version: string };
    expect(kit.tarball.endsWith(`concurrency-lab-${version}.tgz`)).toBe(true);
    console.log(`offline kit: ${(kit.bytes / 1024 / 1024).toFixed(1)} MB, ${kit.files} files`);
  });

  it('installs with no registry and an empty cache', () => {
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(installedCommand())).toBe(true);
  });

  it('bundles the production dependencies and no Electron, and installs nothing for development', async () => {
    // Resolved from the installed package alone: every runtime dependency came out of the tarball.
    expect(productionPackageDirs(installedPackage())).toEqual(productionPackageDirs(projectDir));
    const bundled = await readdir(join(installedPackage(), 'node_modules'));
    expect(bundled).not.toContain('electron');
    expect(bundled.length).toBe(Object.keys(readManifest(projectDir).dependencies ?? {}).length);
    const manifest = readManifest(installedPackage()) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest).not.toHaveProperty('private');
  });

  it('lists the scenarios', async () => {
    const result = await runCommand(installedCommand(), ['scenarios'], {
      cwd: work,
      env: cleanEnv(join(work, 'home-list')),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('io-sleep');
  });

  it('races every model on a scenario', async () => {
    await expectShortRunSucceeds(installedCommand(), [], {
      cwd: work,
      env: cleanEnv(join(work, 'home-run')),
    });
  });

  it('serves the app in browser mode', async () => {
    const served = await serveAndFetch(installedCommand(), [], {
      cwd: work,
      env: cleanEnv(join(work, 'home-serve')),
    });
    expect(served.pageStatus).toBe(200);
    expect(served.page).toContain('<div id="root"></div>');
    expect(served.scriptStatus).toBe(200);
    expect(served.stderr).not.toMatch(/could not be opened/);
  });
});
