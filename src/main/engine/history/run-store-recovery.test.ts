import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleStoredRun, tempFolder } from './history-fixtures.test-support';
import { RunStore, type RunStoreOptions } from './run-store';
import { loadSqlJs } from './sql-engine';
import { nodeStoreFileSystem, type StoreFileSystem } from './store-file';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
const opened: RunStore[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'run-history.sqlite');
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await cleanup();
});

async function open(options: Partial<RunStoreOptions> = {}): Promise<{ store: RunStore; notices: string[] }> {
  const notices: string[] = [];
  const store = await RunStore.open({ file, onNotice: (message) => notices.push(message), ...options });
  opened.push(store);
  return { store, notices };
}

/** A real history file holding three runs, as bytes. */
async function validHistoryBytes(): Promise<Buffer> {
  const { store } = await open();
  for (const minute of [0, 1, 2]) {
    const run = sampleStoredRun(`run-${minute}`, minute);
    await store.save(run.result, run.view);
  }
  await store.close();
  const bytes = await readFile(file);
  await writeFile(file, '');
  return bytes;
}

async function sqliteFile(setup: string): Promise<Uint8Array> {
  const sql = await loadSqlJs();
  const db = new sql.Database();
  db.exec(setup);
  const bytes = db.export();
  db.close();
  return bytes;
}

function randomBytes(length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (i * 7919 + 13) % 256));
}

async function asideFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.includes('.corrupt-')).map((name) => join(dir, name));
}

const BAD_FILES: Record<string, () => Promise<void>> = {
  'random bytes': () => writeFile(file, randomBytes(10_000)),
  'a truncated database': async () => {
    const bytes = await validHistoryBytes();
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  },
  'a database cut inside its first page': async () =>
    writeFile(file, (await validHistoryBytes()).subarray(0, 1000)),
  'an empty file': () => writeFile(file, ''),
  'another SQLite database': async () => writeFile(file, await sqliteFile('CREATE TABLE notes (body TEXT)')),
  'a history from a newer version': async () =>
    writeFile(file, await sqliteFile('CREATE TABLE runs (run_id TEXT); PRAGMA user_version = 9')),
  'our version with another layout': async () =>
    writeFile(file, await sqliteFile('CREATE TABLE runs (run_id TEXT); PRAGMA user_version = 1')),
  'a folder in the way': async () => {
    await mkdir(join(file, 'inside'), { recursive: true });
    await writeFile(join(file, 'inside', 'keep.txt'), 'mine');
  },
};

describe('RunStore with a bad file', () => {
  it.each(Object.keys(BAD_FILES))(
    'starts empty on %s, keeps the bad file aside and says where',
    async (kind) => {
      await BAD_FILES[kind]!();
      const before = await stat(file);
      const original = before.isDirectory() ? null : await readFile(file);

      const { store, notices } = await open();
      expect(store.count()).toBe(0);
      expect(store.file).toBe(file);

      const [aside, ...more] = await asideFiles();
      expect(more).toEqual([]);
      expect(aside).toMatch(/run-history\.sqlite\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z$/);
      if (original) expect(await readFile(aside!)).toEqual(original);
      else expect(await readFile(join(aside!, 'inside', 'keep.txt'), 'utf8')).toBe('mine');
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain(file);
      expect(notices[0]).toContain(aside);
      expect(notices[0]).toMatch(
        /^The run history at .* could not be opened because .+, so it was moved to .+\.$/,
      );

      const run = sampleStoredRun('after', 3);
      await store.save(run.result, run.view);
      await store.close();
      const { store: reopened, notices: none } = await open();
      expect(reopened.list().map((item) => item.runId)).toEqual(['after']);
      expect(none).toEqual([]);
    },
  );

  it('copies the runs it can still read out of a database with a damaged page, and keeps the bad file aside', async () => {
    const bytes = await validHistoryBytes();
    bytes.fill(0x5a, 4096, 8192);
    await writeFile(file, bytes);
    const { store, notices } = await open();
    const [aside, ...more] = await asideFiles();
    expect(more).toEqual([]);
    expect(await readFile(aside!)).toEqual(bytes);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /^The run history at .* was damaged \(.+\): the \d+ runs? that could still be read were copied into a fresh file, and the damaged one was kept as .+\.$/,
    );
    expect(notices[0]).toContain(aside);
    const kept = store.count();
    const run = sampleStoredRun('after', 3);
    await store.save(run.result, run.view);
    await store.close();
    const { store: reopened, notices: none } = await open();
    expect(reopened.count()).toBe(kept + 1);
    expect(none).toEqual([]);
  });

  it('names what was wrong', async () => {
    await BAD_FILES['a history from a newer version']!();
    const { notices } = await open();
    expect(notices[0]).toContain('written by a newer version of the app');
  });

  it('moves aside a file it may not read', async () => {
    await writeFile(file, 'secret');
    const denied: StoreFileSystem = {
      ...nodeStoreFileSystem,
      readFile: () =>
        Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
    };
    const { store, notices } = await open({ fileSystem: denied });
    expect(store.count()).toBe(0);
    expect(notices[0]).toContain('because permission denied');
    expect(await asideFiles()).toHaveLength(1);
  });

  it('leaves a bad file it cannot move where it is, and saves nothing over it', async () => {
    await writeFile(file, 'not a database');
    const stuck: StoreFileSystem = {
      ...nodeStoreFileSystem,
      rename: () =>
        Promise.reject(Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' })),
    };
    const { store, notices } = await open({ fileSystem: stuck });
    expect(notices).toEqual([
      `The run history at ${file} could not be opened because it is not a SQLite database and could not be moved aside (permission denied), so it was left in place and runs from this session will not be saved.`,
    ]);
    const run = sampleStoredRun('kept-in-memory', 1);
    await store.save(run.result, run.view);
    expect(store.list().map((item) => item.runId)).toEqual(['kept-in-memory']);
    expect(store.file).toBeNull();
    expect(await readFile(file, 'utf8')).toBe('not a database');
  });

  it('keeps history in memory when its folder cannot be created', async () => {
    await writeFile(join(dir, 'blocked'), 'a file where the folder should be');
    const { store, notices } = await open({ file: join(dir, 'blocked', 'run-history.sqlite') });
    expect(notices[0]).toMatch(/could not be created .*, so runs from this session will not be saved\.$/);
    const run = sampleStoredRun('run-1', 1);
    await store.save(run.result, run.view);
    expect(store.count()).toBe(1);
  });

  it('never overwrites an earlier bad file when setting another aside', async () => {
    for (const content of ['first', 'second']) {
      await writeFile(file, content);
      const { store } = await open();
      await store.close();
      // The empty store wrote nothing, so the next bad file takes the same path.
      await expect(stat(file)).rejects.toThrow();
    }
    const contents = await Promise.all((await asideFiles()).map((path) => readFile(path, 'utf8')));
    expect(contents.sort()).toEqual(['first', 'second']);
  });
});
