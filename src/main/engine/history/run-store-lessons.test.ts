import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LessonRun } from '../../../shared/lessons/registry';
import { sampleStoredRun, tempFolder } from './history-fixtures.test-support';
import { RunStore, type RunStoreOptions } from './run-store';
import { loadSqlJs } from './sql-engine';

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
  const store = await RunStore.open({ file, onNotice: (n) => notices.push(n), ...options });
  opened.push(store);
  return { store, notices };
}

function at(minute: number): string {
  return new Date(Date.UTC(2025, 10, 21, 9, 0) + minute * 60_000).toISOString();
}

function deadlockRun(runId: string, minute: number): LessonRun {
  return {
    lesson: 'deadlock',
    runId,
    startedAt: at(minute),
    request: { pauseMs: 50, reportAfterMs: 200 },
    result: {
      attempts: [
        {
          strategy: 'global-order',
          orders: { A: ['L1', 'L2'], B: ['L1', 'L2'] },
          outcome: 'completed',
          cycle: [],
          explanation: 'Both workers take L1 before L2.',
          formedAtMs: null,
          detectedAtMs: null,
          totalMs: 204.5,
          cleanupMs: null,
          events: [{ atMs: 0, worker: 'A', kind: 'acquired', lock: 'L1', heldBy: null, waitedMs: 0 }],
        },
      ],
    },
  };
}

function raceRun(runId: string, minute: number): LessonRun {
  return {
    lesson: 'race-condition',
    runId,
    startedAt: at(minute),
    request: { workers: 2, increments: 1000 },
    result: {
      workers: 2,
      increments: 1000,
      cores: 2,
      runs: [
        {
          model: 'threads',
          mode: 'unsynchronised',
          switchInsideIncrement: false,
          expected: 2000,
          final: 1500,
          lost: 500,
          lostPercent: 25,
          wallMs: 3,
          workers: [],
        },
      ],
    },
  };
}

describe('RunStore lesson runs', () => {
  it('keeps lesson runs next to races across a reopen, listed newest first with what they measured', async () => {
    let { store } = await open();
    const race = sampleStoredRun('race', 1);
    await store.save(race.result, race.view);
    await store.saveLesson(deadlockRun('dead', 0));
    await store.saveLesson(raceRun('counter', 2));
    await store.close();
    ({ store } = await open());

    expect(store.list().map((item) => item.runId)).toEqual(['race']);
    const lessons = store.listLessons();
    expect(lessons.map((item) => item.runId)).toEqual(['counter', 'dead']);
    expect(lessons[0]).toMatchObject({
      kind: 'lesson',
      lesson: 'race-condition',
      title: 'Race condition',
      settings: 'workers=2, increments=1000',
      verdict: 'no lock lost 25%',
    });
    expect(lessons[1]!.verdict).toBe('global-order: completed in 205 ms');
    expect(await store.getLesson('dead')).toEqual(deadlockRun('dead', 0));
    expect(await store.getLesson('nope')).toBeUndefined();
    expect(store.count()).toBe(3);
  });

  it('deletes lesson runs by id from the file too, and keeps only the newest beyond the limit', async () => {
    let { store } = await open({ limit: 2 });
    for (const [index, id] of ['lesson-one', 'lesson-two', 'lesson-three'].entries())
      await store.saveLesson(deadlockRun(id, index));
    expect(store.listLessons().map((item) => item.runId)).toEqual(['lesson-three', 'lesson-two']);
    // The id is a plain column: it is in the file until the delete rebuilds it.
    expect((await readFile(file)).includes(Buffer.from('lesson-two'))).toBe(true);
    expect(await store.delete(['lesson-two', 'missing'])).toBe(1);
    await store.close();
    ({ store } = await open({ limit: 2 }));
    expect(store.listLessons().map((item) => item.runId)).toEqual(['lesson-three']);
    expect((await readFile(file)).includes(Buffer.from('lesson-two'))).toBe(false);
  });

  it('counts lesson runs in the one byte budget: the oldest entry of either kind goes first', async () => {
    const { store } = await open({ maxBytes: 1 });
    await store.saveLesson(deadlockRun('old-lesson', 0));
    const race = sampleStoredRun('new-race', 1);
    await store.save(race.result, race.view);
    expect(store.list().map((item) => item.runId)).toEqual(['new-race']);
    expect(store.listLessons()).toEqual([]);
    await store.saveLesson(raceRun('newest-lesson', 2));
    expect(store.list()).toEqual([]);
    expect(store.listLessons().map((item) => item.runId)).toEqual(['newest-lesson']);
  });

  it('upgrades a history written before lesson runs were kept, losing none of its races', async () => {
    // A version 1 file: this version's file without the lesson_runs table.
    let { store } = await open();
    const race = sampleStoredRun('old-race', 0);
    await store.save(race.result, race.view);
    await store.close();
    const sql = await loadSqlJs();
    const db = new sql.Database(await readFile(file));
    db.exec('DROP TABLE lesson_runs; PRAGMA user_version = 1;');
    await writeFile(file, db.export());
    db.close();

    const first = await open();
    expect(first.notices).toEqual([]);
    expect(first.store.list().map((item) => item.runId)).toEqual(['old-race']);
    await first.store.saveLesson(raceRun('new-lesson', 1));
    await first.store.close();
    const written = new sql.Database(await readFile(file));
    expect(written.exec('PRAGMA user_version')[0]?.values[0]?.[0]).toBe(2);
    written.close();
    ({ store } = await open());
    expect(store.list().map((item) => item.runId)).toEqual(['old-race']);
    expect(store.listLessons().map((item) => item.runId)).toEqual(['new-lesson']);
    expect(await store.getResult('old-race')).toEqual(race.result);
  });
});
