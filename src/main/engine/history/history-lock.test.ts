import { existsSync } from 'node:fs';
import { utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abandonLock, tempFolder } from './history-fixtures.test-support';
import { HistoryLockTimeout, lockFileOf, withHistoryLock } from './history-lock';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempFolder());
  file = join(dir, 'run-history.sqlite');
});

afterEach(() => cleanup());

/** Work that records how many holders were inside at once. */
function counted(state: { inside: number; most: number }, ms: number): () => Promise<void> {
  return async () => {
    state.inside++;
    state.most = Math.max(state.most, state.inside);
    await sleep(ms);
    state.inside--;
  };
}

describe('withHistoryLock', () => {
  it('lets one holder in at a time, and removes the lock after', async () => {
    const state = { inside: 0, most: 0 };
    await Promise.all(Array.from({ length: 6 }, () => withHistoryLock(file, counted(state, 10))));
    expect(state.most).toBe(1);
    expect(existsSync(lockFileOf(file))).toBe(false);
  });

  it('breaks the lock of a process that died holding it, at once', async () => {
    await abandonLock(file);
    const state = { inside: 0, most: 0 };
    await withHistoryLock(file, counted(state, 1), { waitMs: 100 });
    expect(state.most).toBe(1);
    expect(existsSync(lockFileOf(file))).toBe(false);
  });

  it('waits for a live holder, then gives up naming it', async () => {
    const owner = { token: 't', pid: process.ppid, host: hostname(), since: '2025-11-21T09:00:00.000Z' };
    await writeFile(lockFileOf(file), JSON.stringify(owner));
    const error = await withHistoryLock(file, async () => undefined, { waitMs: 150 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HistoryLockTimeout);
    expect((error as Error).message).toContain(`locked by process ${process.ppid} on ${hostname()}`);
    expect(existsSync(lockFileOf(file)), 'a live holder keeps its lock').toBe(true);
  });

  it('breaks a lock nobody touched for staleMs, even one it cannot read', async () => {
    await writeFile(lockFileOf(file), '{"tok');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockFileOf(file), old, old);
    await withHistoryLock(file, async () => undefined, { waitMs: 100, staleMs: 30_000 });
    expect(existsSync(lockFileOf(file))).toBe(false);
  });

  it('keeps a long holder from being taken for an abandoned one', async () => {
    const state = { inside: 0, most: 0 };
    // The first holder works four times longer than a lock may go untouched; its heartbeat keeps it.
    await Promise.all([
      withHistoryLock(file, counted(state, 400), { staleMs: 100 }),
      sleep(20).then(() => withHistoryLock(file, counted(state, 1), { staleMs: 100, waitMs: 5_000 })),
    ]);
    expect(state.most).toBe(1);
  });
});
