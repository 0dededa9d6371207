/**
 * Damaged rows: bytes flipped in the history file (a failing disk, a bad copy). A damaged row is
 * found when the history is opened, listed as damaged with a clear message, refused with a typed
 * 'damaged' error when opened or exported, and deletable; every other run keeps working.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../shared/ipc';
import type { HistoryItem } from '../../../shared/views';
import { builtHostScripts } from '../../../test-support/engine-options';
import { createLabService } from '../lab-service';
import { forkSpawner } from '../models/process-spawner';
import type { Database } from 'sql.js';
import { sampleStoredRun, tempFolder } from './history-fixtures.test-support';
import { loadSqlJs } from './sql-engine';
import { DamagedRunError, RunStore } from './run-store';
import { gzipJson } from './run-codec';

let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'run-history.sqlite');
});

afterEach(() => cleanup());

/** Ids of the runs saved by storeWithRuns: UUIDs, as run:start hands them out (the IPC schema wants one). */
const ids = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);

async function storeWithRuns(): Promise<void> {
  const store = await RunStore.open({ file });
  for (const [minute, id] of ids.entries()) {
    const run = sampleStoredRun(id, minute);
    await store.save(run.result, run.view);
  }
  await store.close();
}

/** Flips one bit of the file, `into` bytes after the first place `marker` is found. */
async function flipAfter(marker: Uint8Array | string, into: number): Promise<void> {
  const bytes = await readFile(file);
  const at = bytes.indexOf(marker);
  expect(at, 'marker found in the file').toBeGreaterThan(0);
  bytes[at + into]! ^= 0x08;
  await writeFile(file, bytes);
}

/** Opens the file with SQLite itself (not the store), for a test to read or change it as another program would. */
async function withFile<T>(use: (db: Database) => T, save = false): Promise<T> {
  const sql = await loadSqlJs();
  const db = new sql.Database(await readFile(file));
  try {
    const result = use(db);
    if (save) await writeFile(file, db.export());
    return result;
  } finally {
    db.close();
  }
}

/** Flips a bit inside a run's compressed timeline, found by bytes of it that no other run shares. */
async function flipInTimeline(runId: string): Promise<void> {
  const blob = await withFile(
    (db) => db.exec('SELECT result FROM runs WHERE run_id = ?', [runId])[0]!.values[0]![0] as Uint8Array,
  );
  const bytes = await readFile(file);
  // Runs differ a little way into their compressed text; a slice may straddle two pages: try a few.
  for (const offset of [64, 200, 400, 800]) {
    const slice = blob.subarray(offset, offset + 40);
    const at = bytes.indexOf(slice);
    if (at < 0 || bytes.indexOf(slice, at + 1) >= 0) continue;
    bytes[at + 20]! ^= 0x08;
    await writeFile(file, bytes);
    return;
  }
  throw new Error(`no unique piece of ${runId}'s timeline found in the file`);
}

describe('a history with damaged rows', () => {
  it('lists them as damaged, refuses them with a typed error, deletes them, and keeps the rest working', async () => {
    await storeWithRuns();
    const [, second, , fourth] = ids;
    // One flip inside a compressed timeline, one inside a summary (which stays valid JSON: 0x30 -> 0x38 is '0' -> '8').
    await flipInTimeline(second!);
    await flipAfter(`{"run":{"runId":"${fourth}"`, `{"run":{"runId":"${fourth}"`.length - 3);

    const store = await RunStore.open({ file });
    const lab = createLabService({
      engine: { hostScripts: builtHostScripts(), spawner: forkSpawner },
      store,
    });
    try {
      const listed = (await lab.handle('history:list', null)) as Reply<HistoryItem[]>;
      expect(listed.ok).toBe(true);
      if (!listed.ok) return;
      const damaged = listed.value.filter((item) => item.kind === 'damaged');
      expect(damaged.map((item) => item.runId).sort()).toEqual([second, fourth].sort());
      for (const item of damaged) {
        expect(item.kind === 'damaged' && item.problem).toMatch(
          /^This run is damaged in the history file \(it no longer matches the checksum saved with it\): it cannot be opened or exported, only deleted\.$/,
        );
      }
      for (const runId of [second!, fourth!]) {
        for (const [channel, payload] of [
          ['history:open', { runId }],
          ['history:export', { runIds: [runId], format: 'json' }],
          ['run:export', { runId, format: 'csv' }],
        ] as const) {
          const reply = await lab.handle(channel, payload);
          expect(reply).toMatchObject({ ok: false, error: { code: 'damaged' } });
          if (!reply.ok) expect(reply.error.message).not.toMatch(/JSON|Unexpected token|position/);
        }
      }
      for (const runId of ids.filter((id) => id !== second && id !== fourth)) {
        expect((await lab.handle('history:open', { runId })).ok).toBe(true);
        expect((await lab.handle('history:export', { runIds: [runId], format: 'json' })).ok).toBe(true);
      }
      expect(await lab.handle('history:delete', { runIds: [second, fourth] })).toEqual({
        ok: true,
        value: { deleted: 2 },
      });
    } finally {
      await lab.close();
    }
    const reopened = await RunStore.open({ file });
    expect(reopened.listDamaged()).toEqual([]);
    expect(reopened.list()).toHaveLength(4);
    await reopened.close();
  });

  it('finds a damaged timeline of a row saved without a checksum on first read, and lists it as damaged after', async () => {
    await storeWithRuns();
    const [first] = ids;
    // As a version without checksums wrote it.
    await withFile((db) => db.run('DROP TABLE row_checks'), true);
    await flipInTimeline(first!);

    const store = await RunStore.open({ file });
    expect(store.listDamaged()).toEqual([]);
    await expect(store.getResult(first!)).rejects.toBeInstanceOf(DamagedRunError);
    expect(store.listDamaged().map((item) => item.runId)).toEqual([first]);
    expect(store.list().map((item) => item.runId)).not.toContain(first);
    await store.close();
  });

  it('lists as damaged a run whose stored result lost a model timeline, saying which', async () => {
    await storeWithRuns();
    const [first] = ids;
    const stored = sampleStoredRun(first!, 0).result;
    // Valid gzip and JSON, but the threads result has no timeline (as a version without checksums might leave it).
    const broken = {
      ...stored,
      results: stored.results.map((m) => (m.model === 'threads' ? { ...m, timeline: undefined } : m)),
    };
    const blob = await gzipJson(broken);
    await withFile((db) => {
      db.run('DROP TABLE row_checks');
      db.run('UPDATE runs SET result = ? WHERE run_id = ?', [blob, first!]);
    }, true);

    const store = await RunStore.open({ file });
    await expect(store.getResult(first!)).rejects.toBeInstanceOf(DamagedRunError);
    expect(store.listDamaged().map((item) => [item.runId, item.problem])).toEqual([
      [first, expect.stringContaining('its threads result has no timeline')],
    ]);
    expect(await store.getResult(ids[1]!)).toBeDefined();
    await store.close();
  });

  it('answers every request with data or a typed error after scattered bit flips, never an internal one', async () => {
    await storeWithRuns();
    const pristine = await readFile(file);
    // FLIP_ROUNDS=3000 (and FLIP_SEED) for a longer search than the default 40 rounds.
    let state = Number(process.env.FLIP_SEED ?? 20_251_121);
    const random = (): number => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const seen = { rounds: 0, damagedRows: 0, movedAside: 0, intactOpened: 0 };
    const rounds = Number(process.env.FLIP_ROUNDS ?? 40);
    for (let round = 0; round < rounds; round++) {
      const bytes = Buffer.from(pristine);
      // Past the 100-byte file header, which SQLite checks first anyway.
      for (let flip = 0; flip < 8; flip++)
        bytes[100 + Math.floor(random() * (bytes.length - 100))]! ^= 1 << Math.floor(random() * 8);
      await writeFile(file, bytes);
      const notices: string[] = [];
      const store = await RunStore.open({ file, onNotice: (notice) => notices.push(notice) });
      const lab = createLabService({
        engine: { hostScripts: builtHostScripts(), spawner: forkSpawner },
        store,
      });
      try {
        const replies: Reply<unknown>[] = [];
        const listed = (await lab.handle('history:list', null)) as Reply<HistoryItem[]>;
        replies.push(listed);
        for (const item of listed.ok ? listed.value : []) {
          const runId = item.runId;
          const open = await lab.handle('history:open', { runId });
          const exported = await lab.handle('history:export', { runIds: [runId], format: 'json' });
          replies.push(open, exported);
          if (item.kind === 'damaged') {
            seen.damagedRows++;
            // A damaged id may no longer look like a run id at all: then it is refused before it is looked up.
            expect(open.ok ? 'opened' : open.error.code).toMatch(/^(damaged|invalid-request)$/);
          } else if (open.ok && exported.ok) seen.intactOpened++;
        }
        const damaged = (listed.ok ? listed.value : []).filter((item) => item.kind === 'damaged');
        if (damaged.length > 0) {
          const runIds = damaged.map((item) => item.runId);
          expect(await lab.handle('history:delete', { runIds })).toEqual({
            ok: true,
            value: { deleted: runIds.length },
          });
        }
        const codes = replies.flatMap((reply) => (reply.ok ? [] : [reply.error.code]));
        expect(
          codes.filter((code) => code !== 'damaged' && code !== 'invalid-request'),
          `round ${round}`,
        ).toEqual([]);
        if (notices.some((notice) => /moved to|copied into a fresh file/.test(notice))) seen.movedAside++;
      } finally {
        await lab.close();
      }
      seen.rounds++;
    }
    // Most rounds damage some row or the file: the check is not vacuous.
    expect(seen.damagedRows + seen.movedAside).toBeGreaterThan(rounds / 4);
    expect(seen.intactOpened).toBeGreaterThan(0);
  });
});

describe('a history whose pages are damaged', () => {
  it('copies every readable run into a fresh file, keeps the damaged one beside it, and says so', async () => {
    await storeWithRuns();
    // Garbles the root page of an index: SQLite cannot rebuild it in place, but every row is intact.
    const root = await withFile(
      (db) =>
        db.exec("SELECT rootpage FROM sqlite_master WHERE name = 'runs_by_start'")[0]!
          .values[0]![0] as number,
    );
    const bytes = await readFile(file);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0xa5, (root - 1) * pageSize, (root - 1) * pageSize + 64);
    await writeFile(file, bytes);

    const notices: string[] = [];
    const store = await RunStore.open({ file, onNotice: (notice) => notices.push(notice) });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      /^The run history at .+ was damaged \(.+\): the 6 runs that could still be read were copied into a fresh file, and the damaged one was kept as .+\.corrupt-.+\.$/,
    );
    expect(store.list()).toHaveLength(6);
    expect(store.listDamaged()).toEqual([]);
    expect(await store.getResult(ids[0]!)).toBeDefined();
    await store.close();
    // The fresh file is on disk at once: reopened, it needs no repair.
    const again: string[] = [];
    const reopened = await RunStore.open({ file, onNotice: (notice) => again.push(notice) });
    expect(again).toEqual([]);
    expect(reopened.list()).toHaveLength(6);
    await reopened.close();
  });
});
