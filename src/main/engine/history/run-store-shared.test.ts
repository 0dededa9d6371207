/**
 * Two stores on one file, as the desktop app and `concurrency-lab serve` share one data folder: no
 * acknowledged save is lost, whatever the other does. (serve-shared-history.test.ts does the same
 * with two real `serve` processes.)
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeStoreFileSystem, type StoreFileSystem } from './store-file';
import { sampleStoredRun, tempFolder } from './history-fixtures.test-support';
import { RunStore } from './run-store';

let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'run-history.sqlite');
});

afterEach(() => cleanup());

async function save(store: RunStore, runId: string, minute: number): Promise<void> {
  const run = sampleStoredRun(runId, minute);
  await store.save(run.result, run.view);
}

async function idsOnDisk(): Promise<string[]> {
  const store = await RunStore.open({ file });
  const ids = store.list().map((item) => item.runId);
  await store.close();
  return ids.sort();
}

describe('two stores on one history file', () => {
  it('keeps the saves of both, made alternately', async () => {
    const a = await RunStore.open({ file });
    const b = await RunStore.open({ file });
    for (let i = 0; i < 3; i++) {
      await save(a, `a${i}`, i * 2);
      await save(b, `b${i}`, i * 2 + 1);
    }
    await Promise.all([a.close(), b.close()]);
    expect(await idsOnDisk()).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
  });

  it('keeps every one of 40 saves fired at once from both', async () => {
    const a = await RunStore.open({ file });
    const b = await RunStore.open({ file });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => [
        save(a, `a${String(i).padStart(2, '0')}`, i),
        save(b, `b${String(i).padStart(2, '0')}`, i),
      ]).flat(),
    );
    await Promise.all([a.close(), b.close()]);
    const ids = await idsOnDisk();
    expect(ids).toHaveLength(40);
  });

  it('lists the other store’s runs once it refreshes, and respects its deletes', async () => {
    const a = await RunStore.open({ file });
    const b = await RunStore.open({ file });
    await save(a, 'from-a', 1);
    await save(a, 'doomed', 2);
    await b.refresh();
    expect(
      b
        .list()
        .map((item) => item.runId)
        .sort(),
    ).toEqual(['doomed', 'from-a']);
    expect(await a.delete(['doomed'])).toBe(1);
    // b saves with its stale copy still holding "doomed": the delete must stick.
    await save(b, 'from-b', 3);
    expect(
      b
        .list()
        .map((item) => item.runId)
        .sort(),
    ).toEqual(['from-a', 'from-b']);
    await Promise.all([a.close(), b.close()]);
    expect(await idsOnDisk()).toEqual(['from-a', 'from-b']);
  });

  it('tells the second store that another process uses the history (one per process here, so none)', async () => {
    const notices: string[] = [];
    const a = await RunStore.open({ file });
    const b = await RunStore.open({ file, onNotice: (notice) => notices.push(notice) });
    // Both are this process: the notice is for another process, which serve-shared-history.test.ts starts.
    expect(notices).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('writes a save that failed once with the next save, merged with the other store’s', async () => {
    let failRenames = true;
    const flaky: StoreFileSystem = {
      ...nodeStoreFileSystem,
      rename: (from, to) =>
        failRenames
          ? Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }))
          : nodeStoreFileSystem.rename(from, to),
    };
    const a = await RunStore.open({ file, fileSystem: flaky });
    const b = await RunStore.open({ file });
    await expect(save(a, 'retried', 1)).rejects.toThrow(/could not write the run history/);
    await save(b, 'other', 2);
    failRenames = false;
    await save(a, 'next', 3);
    await Promise.all([a.close(), b.close()]);
    expect(await idsOnDisk()).toEqual(['next', 'other', 'retried']);
  });
});
