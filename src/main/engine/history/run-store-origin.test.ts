/**
 * A run's origin (the view that asked for it) is part of its stored row: it goes through the
 * checksum, the merge of two processes' writes and the damaged-row check like every other column,
 * and rows saved before origins existed still load, as the Race view's.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'sql.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunOrigin } from '../../../shared/run-origin';
import { sampleStoredRun, tempFolder } from './history-fixtures.test-support';
import { DamagedRunError, RunStore } from './run-store';
import { loadSqlJs } from './sql-engine';

let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'run-history.sqlite');
});

afterEach(() => cleanup());

async function save(store: RunStore, runId: string, minute: number, origin?: RunOrigin): Promise<void> {
  const run = sampleStoredRun(runId, minute, origin ? { origin } : {});
  await store.save(run.result, run.view);
}

/** Opens the file with SQLite itself, as another program (or an older version of the lab) would. */
async function withFile(use: (db: Database) => void): Promise<void> {
  const sql = await loadSqlJs();
  const db = new sql.Database(await readFile(file));
  try {
    use(db);
    await writeFile(file, db.export());
  } finally {
    db.close();
  }
}

async function origins(store: RunStore): Promise<[string, string][]> {
  await store.refresh();
  return store
    .list()
    .map((item): [string, string] => [item.runId, item.origin])
    .sort(([a], [b]) => a.localeCompare(b));
}

describe('a run’s origin in the shared, checked history', () => {
  it('keeps each store’s origins when two processes save to one file', async () => {
    const a = await RunStore.open({ file });
    const b = await RunStore.open({ file });
    await save(a, 'a-lesson', 1, 'ten-files-cpu');
    await save(b, 'b-gil', 2, 'gil-io');
    await save(a, 'a-race', 3, 'race');
    await save(b, 'b-cli', 4);
    const expected = [
      ['a-lesson', 'ten-files-cpu'],
      ['a-race', 'race'],
      ['b-cli', 'race'],
      ['b-gil', 'gil-io'],
    ];
    expect(await origins(a)).toEqual(expected);
    expect(await origins(b)).toEqual(expected);
    await Promise.all([a.close(), b.close()]);
    const reopened = await RunStore.open({ file });
    expect(await origins(reopened)).toEqual(expected);
    expect(reopened.getView('b-gil')?.run.origin).toBe('gil-io');
    await reopened.close();
  });

  it('lists a run whose stored origin was changed behind its checksum as damaged, never in another view', async () => {
    const store = await RunStore.open({ file });
    await save(store, 'lesson', 1, 'ten-files-cpu');
    await save(store, 'race', 2, 'race');
    await store.close();
    await withFile((db) =>
      db.run(`UPDATE runs SET summary = replace(summary, '"origin":"ten-files-cpu"', '"origin":"gil-cpu"')
              WHERE run_id = 'lesson'`),
    );

    const reopened = await RunStore.open({ file });
    expect(reopened.list().map((item) => [item.runId, item.origin])).toEqual([['race', 'race']]);
    expect(reopened.listDamaged().map((item) => item.runId)).toEqual(['lesson']);
    expect(() => reopened.getView('lesson')).toThrow(DamagedRunError);
    await reopened.close();
  });

  it('loads a row an older version saved, without an origin or a checksum, as the Race view’s', async () => {
    const store = await RunStore.open({ file });
    await save(store, 'old', 1);
    await save(store, 'new', 2, 'image-batch');
    await store.close();
    // As a version before origins and checksums wrote it: no origin in the stored view, no row_checks.
    await withFile((db) => {
      db.run(`UPDATE runs SET summary = json_remove(summary, '$.run.origin') WHERE run_id = 'old'`);
      db.run('DROP TABLE row_checks');
    });

    const reopened = await RunStore.open({ file });
    expect(reopened.listDamaged()).toEqual([]);
    expect(reopened.list().map((item) => [item.runId, item.origin])).toEqual([
      ['new', 'image-batch'],
      ['old', 'race'],
    ]);
    expect(reopened.getView('old')?.run.origin).toBeUndefined();
    expect((await reopened.getResult('old'))?.runId).toBe('old');
    await reopened.close();
  });

  it('still lists the other runs when a stored view is no longer JSON', async () => {
    const store = await RunStore.open({ file });
    await save(store, 'garbled', 1, 'gil-cpu');
    await save(store, 'fine', 2, 'gil-cpu');
    await store.close();
    await withFile((db) => db.run(`UPDATE runs SET summary = '{"run":' WHERE run_id = 'garbled'`));

    const reopened = await RunStore.open({ file });
    expect(reopened.list().map((item) => [item.runId, item.origin])).toEqual([['fine', 'gil-cpu']]);
    expect(reopened.listDamaged().map((item) => item.runId)).toEqual(['garbled']);
    await reopened.close();
  });
});
