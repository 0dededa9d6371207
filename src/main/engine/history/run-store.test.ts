import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtHostScripts } from '../../../test-support/engine-options';
import { forkSpawner } from '../models/process-spawner';
import { runScenario } from '../run/run-session';
import { runListItem } from '../run/run-views';
import {
  bigStoredRun,
  sampleStoredRun,
  storedRun,
  tempFolder,
  type StoredRun,
} from './history-fixtures.test-support';
import { gzipJsonCodec, type RunCodec } from './run-codec';
import { RunStore, type RunStoreOptions } from './run-store';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
const opened: RunStore[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'data', 'run-history.sqlite');
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await cleanup();
});

async function open(options: Partial<RunStoreOptions> = {}): Promise<RunStore> {
  const store = await RunStore.open({ file, ...options });
  opened.push(store);
  return store;
}

async function reopen(store: RunStore, options: Partial<RunStoreOptions> = {}): Promise<RunStore> {
  await store.close();
  return open(options);
}

async function expectStored(store: RunStore, run: StoredRun): Promise<void> {
  expect(store.getView(run.result.runId)).toEqual(run.view);
  expect(await store.getResult(run.result.runId)).toEqual(run.result);
}

describe('RunStore', () => {
  it('keeps saved runs across a reopen: list newest first, views and whole results with timelines', async () => {
    const runs = [sampleStoredRun('run-a', 0), sampleStoredRun('run-c', 2), sampleStoredRun('run-b', 1)];
    let store = await open();
    for (const run of runs) await store.save(run.result, run.view);
    store = await reopen(store);
    expect(store.list()).toEqual(
      ['run-c', 'run-b', 'run-a'].map((id) => runListItem(runs.find((r) => r.result.runId === id)!.view)),
    );
    for (const run of runs) await expectStored(store, run);
    expect(store.count()).toBe(3);
    expect(store.getView('nope')).toBeUndefined();
    expect(await store.getResult('nope')).toBeUndefined();
  });

  it('lists each run with the view that asked for it, and a run saved before origins as the Race view’s', async () => {
    const lesson = sampleStoredRun('lesson', 1, { origin: 'ten-files-cpu' });
    const old = sampleStoredRun('old', 0);
    const store = await open();
    await store.save(lesson.result, lesson.view);
    await store.save(old.result, old.view);
    expect(store.list().map((item) => [item.runId, item.origin])).toEqual([
      ['lesson', 'ten-files-cpu'],
      ['old', 'race'],
    ]);
  });

  it('round-trips a run measured by the real engine', async () => {
    const result = await runScenario(
      {
        scenario: 'io-sleep',
        params: { tasks: 3, taskMs: 20 },
        models: ['sequential', 'async', 'threads', 'processes'],
        pool: { threads: 2, processes: 2 },
      },
      { hostScripts: builtHostScripts(), spawner: forkSpawner },
    );
    const run = storedRun(result);
    const store = await open();
    await store.save(run.result, run.view);
    await expectStored(await reopen(store), run);
  });

  it('round-trips a 100,000-task run, stored in a fraction of its JSON size', async () => {
    const run = bigStoredRun('big');
    let store = await open();
    await store.save(run.result, run.view);
    store = await reopen(store);
    const back = await store.getResult('big');
    expect(back?.results.map((m) => m.timeline.length)).toEqual([
      100_000, 100_000, 100_000, 100_000, 100_000,
    ]);
    expect(back).toEqual(run.result);
    const json = Buffer.byteLength(JSON.stringify(run.result));
    expect((await stat(file)).size).toBeLessThan(json / 2);
  });

  it('replaces a run saved again under the same id', async () => {
    const first = sampleStoredRun('same', 0);
    const again = sampleStoredRun('same', 5, { params: { tasks: 7, taskMs: 100 } });
    const store = await open();
    await store.save(first.result, first.view);
    await store.save(again.result, again.view);
    expect(store.count()).toBe(1);
    expect((await store.getResult('same'))?.params).toEqual({ tasks: 7, taskMs: 100 });
  });

  it('deletes runs from the list and from the file', async () => {
    let store = await open();
    for (const [i, id] of ['keep', 'drop-1', 'drop-2'].entries()) {
      const run = sampleStoredRun(id, i);
      await store.save(run.result, run.view);
    }
    expect(await store.delete(['drop-1', 'drop-2', 'drop-1', 'never-saved'])).toBe(2);
    expect(await store.delete(['never-saved'])).toBe(0);
    expect(store.list().map((item) => item.runId)).toEqual(['keep']);
    store = await reopen(store);
    expect(store.list().map((item) => item.runId)).toEqual(['keep']);
    expect(store.getView('drop-1')).toBeUndefined();
    // The file is rebuilt without them: nothing of a deleted run is left on the disk.
    expect((await readFile(file)).includes('drop-1')).toBe(false);
  });

  it('keeps at most `limit` runs, deleting the oldest', async () => {
    let store = await open({ limit: 3 });
    for (const minute of [4, 0, 2, 1, 3]) {
      const run = sampleStoredRun(`run-${minute}`, minute);
      await store.save(run.result, run.view);
    }
    expect(store.list().map((item) => item.runId)).toEqual(['run-4', 'run-3', 'run-2']);
    store = await reopen(store, { limit: 3 });
    expect(store.count()).toBe(3);
  });

  it('keeps within `maxBytes`, always keeping the newest run', async () => {
    const store = await open({ maxBytes: 1 });
    for (const minute of [0, 1]) {
      const run = sampleStoredRun(`run-${minute}`, minute);
      await store.save(run.result, run.view);
    }
    expect(store.list().map((item) => item.runId)).toEqual(['run-1']);
  });

  it('lands every one of 20 saves fired at once', async () => {
    const runs = Array.from({ length: 20 }, (_, i) =>
      sampleStoredRun(`run-${String(i).padStart(2, '0')}`, i),
    );
    let store = await open();
    await Promise.all(runs.map((run) => store.save(run.result, run.view)));
    store = await reopen(store);
    expect(store.list().map((item) => item.runId)).toEqual(runs.map((run) => run.result.runId).reverse());
  });

  it('lists and re-opens runs without decompressing a single timeline', async () => {
    let decoded = 0;
    const counting: RunCodec = {
      ...gzipJsonCodec,
      decode: (bytes) => {
        decoded += 1;
        return gzipJsonCodec.decode(bytes);
      },
    };
    const run = sampleStoredRun('run-1', 1);
    const store = await open({ codec: counting });
    await store.save(run.result, run.view);
    expect(store.list()).toHaveLength(1);
    expect(store.getView('run-1')).toEqual(run.view);
    expect(decoded).toBe(0);
    await store.getResult('run-1');
    expect(decoded).toBe(1);
  });

  it('keeps history in memory only when there is no file', async () => {
    const run = sampleStoredRun('run-1', 1);
    const store = await open({ file: null });
    await store.save(run.result, run.view);
    await expectStored(store, run);
    expect(store.file).toBeNull();
    await expect(stat(file)).rejects.toThrow();
  });

  it('finishes saves in progress on close, then refuses to be used', async () => {
    const run = sampleStoredRun('run-1', 1);
    let store = await open();
    void store.save(run.result, run.view);
    await store.close();
    expect(() => store.list()).toThrow('closed');
    store = await open();
    expect(store.count()).toBe(1);
  });

  it('rejects nonsense limits, a programmer error', async () => {
    await expect(RunStore.open({ file: null, limit: 0 })).rejects.toThrow('limit must be a positive integer');
  });
});
