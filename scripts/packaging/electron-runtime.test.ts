import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultElectronCache, findElectronRuntime, type ElectronLookup } from './electron-runtime';

const ZIP = `electron-v41.7.1-${process.platform}-${process.arch}.zip`;
const ZIP_BYTES = 'not really a zip';
const ZIP_SHA = createHash('sha256').update(ZIP_BYTES).digest('hex');

let root: string;

function lookup(env: NodeJS.ProcessEnv = {}): ElectronLookup {
  return {
    projectDir: join(root, 'project'),
    version: '41.7.1',
    platform: process.platform,
    arch: process.arch,
    env: { XDG_CACHE_HOME: join(root, 'xdg'), LOCALAPPDATA: join(root, 'local'), ...env },
    home: join(root, 'home'),
    checksums: { [ZIP]: ZIP_SHA },
  };
}

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'electron-runtime-'));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findElectronRuntime', () => {
  it('takes ELECTRON_DIST first, and names it when it does not exist', () => {
    const folder = join(root, 'electron-folder');
    mkdirSync(folder);
    expect(findElectronRuntime(lookup({ ELECTRON_DIST: folder }))).toEqual({
      found: true,
      path: folder,
      from: 'ELECTRON_DIST',
    });
    const missing = findElectronRuntime(lookup({ ELECTRON_DIST: join(root, 'nowhere') }));
    expect(missing).toEqual({
      found: false,
      reason: `ELECTRON_DIST=${join(root, 'nowhere')} does not exist`,
    });
  });

  it('uses the binary that npm start fetched into node_modules/electron/dist when its version matches', () => {
    const electron = join(root, 'project/node_modules/electron');
    write(join(electron, 'path.txt'), 'electron');
    write(join(electron, 'dist/electron'), '');
    write(join(electron, 'dist/version'), '41.7.1');
    expect(findElectronRuntime(lookup())).toMatchObject({ found: true, path: join(electron, 'dist') });
    write(join(electron, 'dist/version'), '40.0.0');
    expect(findElectronRuntime(lookup())).toMatchObject({ found: false });
  });

  it('finds a zip in ELECTRON_CACHE, flat or in a hashed folder, only when its checksum matches', () => {
    const cache = join(root, 'cache');
    write(join(cache, '0123abcd', ZIP), ZIP_BYTES);
    expect(findElectronRuntime(lookup({ ELECTRON_CACHE: cache }))).toEqual({
      found: true,
      path: join(cache, '0123abcd', ZIP),
      from: cache,
    });
    write(join(cache, '0123abcd', ZIP), 'tampered');
    const result = findElectronRuntime(lookup({ ELECTRON_CACHE: cache }));
    expect(result).toMatchObject({ found: false });
    expect(!result.found && result.reason).toContain('checksum does not match');
  });

  it('finds a zip in the default Electron cache', () => {
    const cache = defaultElectronCache(process.platform, lookup().env, lookup().home);
    write(join(cache, ZIP), ZIP_BYTES);
    expect(findElectronRuntime(lookup())).toMatchObject({ found: true, path: join(cache, ZIP) });
  });

  it('says in one line what is missing and where it looked', () => {
    const result = findElectronRuntime(lookup({ ELECTRON_CACHE: join(root, 'empty') }));
    expect(result.found).toBe(false);
    const reason = result.found ? '' : result.reason;
    expect(reason).not.toContain('\n');
    expect(reason).toContain(`Electron 41.7.1's runtime for ${process.platform}-${process.arch}`);
    expect(reason).toContain(join(root, 'empty'));
    expect(reason).toContain('node_modules/electron/dist');
  });
});
