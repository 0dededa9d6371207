import { join } from 'node:path';
import type { Database } from 'sql.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder } from './history-fixtures.test-support';
import { HistorySync } from './history-sync';
import { loadSqlJs } from './sql-engine';
import { nodeStoreFileSystem, type StoreFileSystem } from './store-file';
import { createHistoryDatabase, openHistoryDatabase } from './store-schema';

let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'run-history.sqlite');
});

afterEach(() => cleanup());

const addLesson = (id: number) => (db: Database) =>
  db.run(
    `INSERT OR REPLACE INTO lesson_runs VALUES (?, '2025-11-21T09:00:00.000Z', 'deadlock', 't', 's', 'v', x'00', 1)`,
    [`lesson-${id}`],
  );

describe('HistorySync', () => {
  it('writes one at a time and folds a burst into at most two writes, the last with every change', async () => {
    const sql = await loadSqlJs();
    let db = createHistoryDatabase(sql);
    let active = 0;
    let mostAtOnce = 0;
    let writes = 0;
    const slow: StoreFileSystem = {
      ...nodeStoreFileSystem,
      writeFileSynced: async (path, data) => {
        active++;
        writes++;
        mostAtOnce = Math.max(mostAtOnce, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await nodeStoreFileSystem.writeFileSynced(path, data);
        active--;
      },
    };
    const sync = await HistorySync.start(file, sql, slow, {
      current: () => db,
      adopt: (fresh) => (db = fresh),
      beforeWrite: () => undefined,
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => sync.commit(addLesson(i))));
    expect(mostAtOnce).toBe(1);
    expect(writes).toBeLessThanOrEqual(2);
    const { readFile } = await import('node:fs/promises');
    const opened = openHistoryDatabase(sql, await readFile(file));
    expect(opened.ok && opened.db.exec('SELECT count(*) FROM lesson_runs')[0]?.values[0]?.[0]).toBe(10);
  });
});
