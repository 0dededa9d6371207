import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventContract, LabEvent, Reply } from '../../shared/ipc';
import type { RunListItem } from '../../shared/views';
import type { LessonRunOf } from '../../shared/lessons/registry';
import { builtHostScripts } from '../../test-support/engine-options';
import { openHistory } from './history/open-history';
import { createLabService, type LabService } from './lab-service';
import { forkSpawner } from './models/process-spawner';

const open: LabService[] = [];

async function service(dataDir: string, logFile: string | null = null) {
  const history = await openHistory(dataDir);
  const lab = createLabService({
    engine: { hostScripts: builtHostScripts(), spawner: forkSpawner, callingThread: 'dedicated' },
    store: history.store,
    historyNotice: history.notice,
    logFile,
  });
  open.push(lab);
  const events: LabEvent[] = [];
  lab.subscribe((event) => events.push(event));
  const next = async <E extends keyof EventContract>(name: E): Promise<EventContract[E]> => {
    for (let i = 0; i < 1500; i++) {
      const found = events.find((e) => e.event === name);
      if (found) return found.payload as EventContract[E];
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no ${name}`);
  };
  const finished = async (runId: string): Promise<void> => {
    for (let i = 0; i < 1500; i++) {
      if (events.some((e) => e.event === 'run:finished' && e.payload.run.runId === runId)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`run ${runId} did not finish`);
  };
  return { lab, events, next, finished };
}

function value<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((lab) => lab.close()));
});

const tinyRun = { scenario: 'io-sleep', params: { tasks: 2, taskMs: 20 }, models: ['sequential', 'async'] };

describe('the run history through the service', () => {
  it('keeps finished runs across a restart, and writes the results log as the CLI does', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lab-history-'));
    const logFile = join(dataDir, 'logs', 'concurrency_results.log');
    const first = await service(dataDir, logFile);
    const { runId } = value<{ runId: string }>(await first.lab.handle('run:start', tinyRun));
    await first.next('run:finished');
    await first.next('history:changed');
    await first.lab.close();
    expect(readFileSync(logFile, 'utf8').trim().split('\n')).toHaveLength(2);

    const second = await service(dataDir);
    const catalog = value<{ historyFile: string; historyNotice: string | null }>(
      await second.lab.handle('lab:catalog', null),
    );
    expect(catalog.historyFile).toBe(join(dataDir, 'run-history.sqlite'));
    expect(catalog.historyNotice).toBeNull();
    expect(
      value<RunListItem[]>(await second.lab.handle('history:list', null)).map((item) => item.runId),
    ).toEqual([runId]);
    const csv = value<{ content: string }>(await second.lab.handle('run:export', { runId, format: 'csv' }));
    expect(csv.content.split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('compares, exports together and deletes several runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lab-history-'));
    const { lab, finished } = await service(dataDir);
    const ids: string[] = [];
    for (const taskMs of [20, 40]) {
      const { runId } = value<{ runId: string }>(
        await lab.handle('run:start', { ...tinyRun, params: { tasks: 2, taskMs } }),
      );
      ids.push(runId);
      await finished(runId);
    }
    const comparison = value<{ labels: string[]; series: { model: string; totalMs: (number | null)[] }[] }>(
      await lab.handle('history:compare', { runIds: ids }),
    );
    expect(comparison.labels).toHaveLength(2);
    expect(comparison.series.map((s) => s.model)).toEqual(['sequential', 'async']);
    const markdown = value<{ filename: string; content: string }>(
      await lab.handle('history:export', { runIds: ids, format: 'markdown' }),
    );
    expect(markdown.filename).toMatch(/comparison-2-runs/);
    expect(markdown.content).toContain('## Comparison: total time per model');
    const trace = JSON.parse(
      value<{ content: string }>(await lab.handle('history:export', { runIds: ids, format: 'trace' }))
        .content,
    );
    const processNames = trace.traceEvents
      .filter((e: { name: string }) => e.name === 'process_name')
      .map((e: { args: { name: string } }) => e.args.name);
    expect(processNames.some((name: string) => name.startsWith('run 1'))).toBe(true);
    expect(processNames.some((name: string) => name.startsWith('run 2'))).toBe(true);
    expect(value<{ deleted: number }>(await lab.handle('history:delete', { runIds: [ids[0]] }))).toEqual({
      deleted: 1,
    });
    expect(value<RunListItem[]>(await lab.handle('history:list', null)).map((item) => item.runId)).toEqual([
      ids[1],
    ]);
    expect(await lab.handle('history:open', { runId: ids[0] })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('lessons through the service', () => {
  it('runs a lesson and answers bad lesson input with the knob and its range', async () => {
    const { lab } = await service(mkdtempSync(join(tmpdir(), 'lab-lesson-')));
    const { result } = value<LessonRunOf<'race-condition'>>(
      await lab.handle('lesson:race-condition', {
        workers: 2,
        increments: 2000,
        modes: ['atomic'],
        gilThreads: false,
      }),
    );
    expect(result.runs.map((run) => [run.mode, run.final])).toEqual([['atomic', 4000]]);
    expect(await lab.handle('lesson:race-condition', { workers: 1, increments: 10 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: 'workers must be an integer from 2 to 16' },
    });
  });

  it('cancels a lesson in progress with a typed reply, and is free again afterwards', async () => {
    const { lab } = await service(mkdtempSync(join(tmpdir(), 'lab-lesson-')));
    const pipeline = lab.handle('lesson:pipeline', { items: 1_000_000, ratePerSecond: 100 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await lab.handle('run:start', tinyRun)).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(await lab.handle('lesson:cancel', null)).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pipeline).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await lab.handle('lesson:cancel', null)).toEqual({ ok: true, value: { cancelled: false } });
    expect((await lab.handle('run:start', tinyRun)).ok).toBe(true);
  });
});
