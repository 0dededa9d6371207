import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from './history-fixtures.test-support';
import {
  moveAside,
  nodeStoreFileSystem,
  removeLeftoverTemps,
  replaceFileAtomically,
  type StoreFileSystem,
} from './store-file';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'run-history.sqlite');
});

afterEach(() => cleanup());

describe('replaceFileAtomically', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    await writeFile(file, 'old');
    await replaceFileAtomically(file, Buffer.from('new'), nodeStoreFileSystem);
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['run-history.sqlite']);
  });

  it.each(['EISDIR', 'EPERM'])('goes on when the platform refuses to flush a folder (%s)', async (code) => {
    const refusing: StoreFileSystem = {
      ...nodeStoreFileSystem,
      syncDir: () => Promise.reject(Object.assign(new Error(code), { code })),
    };
    await replaceFileAtomically(file, Buffer.from('new'), refusing);
    expect(await readFile(file, 'utf8')).toBe('new');
  });

  it('reports a real failure to flush the folder', async () => {
    const failing: StoreFileSystem = {
      ...nodeStoreFileSystem,
      syncDir: () => Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })),
    };
    await expect(replaceFileAtomically(file, Buffer.from('new'), failing)).rejects.toThrow('EIO');
  });
});

describe('removeLeftoverTemps', () => {
  it('deletes only temp files of this store', async () => {
    await writeFile(`${file}.tmp-123-1`, 'half');
    await writeFile(join(dir, 'other.sqlite.tmp-123-1'), 'not ours');
    await writeFile(file, 'db');
    expect(await removeLeftoverTemps(file, nodeStoreFileSystem)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['other.sqlite.tmp-123-1', 'run-history.sqlite']);
  });
});

describe('moveAside', () => {
  it('gives a second bad file of the same moment its own name', async () => {
    const now = new Date('2025-11-21T09:30:00.123Z');
    await writeFile(file, 'first');
    const first = await moveAside(file, nodeStoreFileSystem, now);
    await mkdir(file);
    const second = await moveAside(file, nodeStoreFileSystem, now);
    expect(first).toBe(`${file}.corrupt-2025-11-21T09-30-00-123Z`);
    expect(second).toBe(`${file}.corrupt-2025-11-21T09-30-00-123Z-2`);
    expect(await readFile(first, 'utf8')).toBe('first');
  });
});
