import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abandonLock, sampleStoredRun, tempFolder } from './history-fixtures.test-support';
import { RunStore } from './run-store';
import { nodeStoreFileSystem, type StoreFileSystem } from './store-file';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'run-history.sqlite');
});

afterEach(() => cleanup());

const never = (): Promise<never> => new Promise(() => undefined);

async function storeWithRuns(ids: readonly string[]): Promise<void> {
  const store = await RunStore.open({ file });
  for (const [minute, id] of ids.entries()) {
    const run = sampleStoredRun(id, minute);
    await store.save(run.result, run.view);
  }
  await store.close();
}

async function tempFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.includes('.tmp-'));
}

/** Starts a save that "crashes" where `fs` stops, and waits until the crash point is reached. */
async function crashingSave(fs: StoreFileSystem, reached: Promise<void>): Promise<void> {
  const doomed = await RunStore.open({ file, fileSystem: fs });
  const run = sampleStoredRun('lost-in-crash', 9);
  void doomed.save(run.result, run.view);
  await reached;
  await abandonLock(file);
}

describe('RunStore writes', () => {
  it('keeps the previous database whole when the app dies between writing the new one and renaming it', async () => {
    await storeWithRuns(['old-1', 'old-2']);
    const before = await readFile(file);
    let renameReached!: () => void;
    const reached = new Promise<void>((resolve) => (renameReached = resolve));
    await crashingSave({ ...nodeStoreFileSystem, rename: () => (renameReached(), never()) }, reached);
    expect(await tempFiles()).toHaveLength(1);
    expect(await readFile(file)).toEqual(before);

    const notices: string[] = [];
    const store = await RunStore.open({ file, onNotice: (message) => notices.push(message) });
    expect(store.list().map((item) => item.runId)).toEqual(['old-2', 'old-1']);
    expect(notices).toEqual([]);
    expect(await tempFiles()).toEqual([]);
    await store.close();
  });

  it('never reads a half-written temp file', async () => {
    await storeWithRuns(['old-1']);
    let halfWritten!: () => void;
    const reached = new Promise<void>((resolve) => (halfWritten = resolve));
    const tornWrite: StoreFileSystem = {
      ...nodeStoreFileSystem,
      writeFileSynced: async (path, data) => {
        await nodeStoreFileSystem.writeFileSynced(path, data.subarray(0, data.length / 2));
        halfWritten();
        return never();
      },
    };
    await crashingSave(tornWrite, reached);
    const store = await RunStore.open({ file });
    expect(store.list().map((item) => item.runId)).toEqual(['old-1']);
    expect(await tempFiles()).toEqual([]);
    await store.close();
  });

  it('rejects a save it could not write, keeps the run in memory and writes it with the next save', async () => {
    await storeWithRuns(['old-1']);
    let failRenames = true;
    const flaky: StoreFileSystem = {
      ...nodeStoreFileSystem,
      rename: (from, to) =>
        failRenames
          ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))
          : nodeStoreFileSystem.rename(from, to),
    };
    const store = await RunStore.open({ file, fileSystem: flaky });
    const first = sampleStoredRun('first', 1);
    await expect(store.save(first.result, first.view)).rejects.toThrow(
      `could not write the run history to ${file} (the disk is full)`,
    );
    expect(await tempFiles()).toEqual([]);
    expect(store.count()).toBe(2);

    failRenames = false;
    const second = sampleStoredRun('second', 2);
    await store.save(second.result, second.view);
    await store.close();
    const reopened = await RunStore.open({ file });
    expect(reopened.list().map((item) => item.runId)).toEqual(['second', 'first', 'old-1']);
    await reopened.close();
  });
});
