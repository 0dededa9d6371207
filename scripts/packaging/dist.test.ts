/** `npm run dist` where Electron's runtime is missing: one line, a non-zero exit, and nothing built. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectDir } from './pack-app';

const home = mkdtempSync(join(tmpdir(), 'dist-test-home-'));
const installedBinary = existsSync(join(projectDir, 'node_modules/electron/path.txt'));

afterAll(() => rmSync(home, { recursive: true, force: true }));

function distListing(): string[] {
  return existsSync(join(projectDir, 'dist')) ? readdirSync(join(projectDir, 'dist')).sort() : [];
}

describe('npm run dist without Electron', () => {
  it.skipIf(installedBinary)('says so in one line, exits non-zero and leaves dist/ as it was', () => {
    const before = distListing();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CACHE_HOME: join(home, 'cache'),
      LOCALAPPDATA: join(home, 'local'),
      ELECTRON_CACHE: join(home, 'electron-cache'),
    };
    const result = spawnSync(
      process.execPath,
      [join(projectDir, 'node_modules/jiti/lib/jiti-cli.mjs'), join(projectDir, 'scripts/packaging/dist.ts')],
      { cwd: projectDir, env, encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^npm run dist: Electron \S+'s runtime for \S+ is not on this machine/);
    expect(distListing()).toEqual(before);
  });
});
