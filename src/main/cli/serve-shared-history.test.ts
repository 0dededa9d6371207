/**
 * Two (then three) real `concurrency-lab serve` processes on one data folder, as a workshop machine
 * runs the app and browser mode side by side: every run acknowledged by `history:changed` survives,
 * whatever the other instance saves, deletes or whenever it stops.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/ipc';
import type { Catalog, HistoryItem } from '../../shared/views';
import { LabSocket } from '../../test-support/lab-socket';

const bin = resolve(__dirname, '../../../bin/concurrency-lab.js');
const sandbox = mkdtempSync(join(tmpdir(), 'concurrency-lab-shared-'));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(sandbox, { recursive: true, force: true });
});

interface Instance {
  readonly child: ChildProcess;
  readonly socket: LabSocket;
}

async function serve(): Promise<Instance> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    cwd: sandbox,
    env: { ...process.env, CONCURRENCY_LAB_DATA_DIR: join(sandbox, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) done(out.split('\n')[0]!);
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}`)));
  });
  return { child, socket: await LabSocket.open(url) };
}

async function stop(instance: Instance): Promise<void> {
  instance.socket.close();
  const exited = new Promise((done) => instance.child.once('exit', done));
  instance.child.kill('SIGTERM');
  await exited;
}

function value<T>(reply: Reply<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
}

/** Runs a tiny race and resolves once the instance said it was saved (history:changed after its run:finished). */
async function acknowledgedRun({ socket }: Instance): Promise<string> {
  const { runId } = value<{ runId: string }>(
    await socket.invoke('run:start', {
      scenario: 'io-sleep',
      params: { tasks: 1, taskMs: 1 },
      models: ['sequential'],
    }),
  );
  const finished = await socket.waitFor((e) => e.event === 'run:finished' && e.payload.run.runId === runId);
  await socket.waitFor(
    (e) => e.event === 'history:changed' && socket.events.indexOf(e) > socket.events.indexOf(finished),
  );
  return runId;
}

async function listed({ socket }: Instance): Promise<string[]> {
  return value<HistoryItem[]>(await socket.invoke('history:list', null))
    .map((item) => item.runId)
    .sort();
}

describe('two serve instances on one data folder', () => {
  it('keep every acknowledged run, and the second is told it shares the history', async () => {
    const a = await serve();
    const b = await serve();
    const notice = value<Catalog>(await b.socket.invoke('lab:catalog', null)).historyNotice;
    expect(notice).toMatch(
      new RegExp(`^Another Concurrency Lab \\(process ${a.child.pid}\\) uses the run history at .+ too`),
    );

    // Three runs on each, alternately, each acknowledged before the next.
    const saved: string[] = [];
    for (let i = 0; i < 3; i++) {
      saved.push(await acknowledgedRun(a));
      saved.push(await acknowledgedRun(b));
    }
    expect(await listed(b)).toEqual([...saved].sort());

    // Restart one and list: all six are there.
    await stop(a);
    const c = await serve();
    expect(await listed(c)).toEqual([...saved].sort());

    // Both race to save at once: five runs each, back to back.
    const burst = await Promise.all(
      [b, c].map(async (instance) => {
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push(await acknowledgedRun(instance));
        return ids;
      }),
    );
    saved.push(...burst.flat());
    // A delete on one is not undone by the other's next save.
    const doomed = saved.shift()!;
    expect(value(await c.socket.invoke('history:delete', { runIds: [doomed] }))).toEqual({ deleted: 1 });
    saved.push(await acknowledgedRun(b));

    await Promise.all([stop(b), stop(c)]);
    const d = await serve();
    expect(await listed(d)).toEqual([...saved].sort());
    expect(saved).toHaveLength(16);
    await stop(d);
  });
});
