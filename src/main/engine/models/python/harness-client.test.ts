import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HarnessClient } from './harness-client';
import { testHarnessPath, testInterpreter } from './python.test-support';

const dir = mkdtempSync(join(tmpdir(), 'lab-harness-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HELLO = JSON.stringify({
  type: 'hello',
  protocol: 1,
  pid: 1234,
  python: {
    version: '3.11.7',
    implementation: 'CPython',
    executable: 'python3',
    freeThreaded: false,
    gilEnabled: true,
  },
  cores: 2,
  startMethod: 'fork',
  at: 1,
});

/** A stand-in harness: a Python script that says hello, then whatever `then` prints. */
async function fakeHarness(name: string, then: string): Promise<HarnessClient> {
  const path = join(dir, `${name}.py`);
  writeFileSync(path, `import sys\nprint(${JSON.stringify(HELLO)})\nsys.stdin.readline()\n${then}\n`);
  const interpreter = await testInterpreter();
  return new HarnessClient({ executable: interpreter.executable, harnessPath: path, log: () => undefined });
}

describe('talking to the harness', () => {
  it('says hello and aligns its clock with the lab within the uncertainty it reports', async () => {
    const interpreter = await testInterpreter();
    const client = new HarnessClient({ executable: interpreter.executable, harnessPath: testHarnessPath() });
    try {
      const hello = await client.hello();
      expect(hello.python.version).toBe(interpreter.version);
      const alignment = await client.alignClock();
      expect(alignment.pings).toBe(10);
      // A later ping's harness reading, mapped onto the lab's clock, falls between its send and receipt.
      for (let i = 0; i < 5; i++) {
        const sample = await client.ping();
        const mapped = sample.remoteAt + alignment.offsetMs;
        expect(mapped).toBeGreaterThanOrEqual(sample.sentAt - alignment.uncertaintyMs);
        expect(mapped).toBeLessThanOrEqual(sample.receivedAt + alignment.uncertaintyMs);
      }
    } finally {
      await client.close();
    }
  });

  it('rejects a line that is not JSON with a clear message and stops the harness', async () => {
    const client = await fakeHarness('not-json', 'print("Traceback (most recent call last):")');
    await client.hello();
    await expect(client.ping()).rejects.toThrow(
      'the Python harness sent a line that is not JSON: "Traceback (most recent call last):"',
    );
    await client.close();
  });

  it('rejects a message of the wrong shape', async () => {
    const client = await fakeHarness('bad-shape', 'print(\'{"type":"pong","id":"one","at":1,"epochMs":2}\')');
    await client.hello();
    await expect(client.ping()).rejects.toThrow(
      /the Python harness sent a message the lab does not understand \(id: /,
    );
    await client.close();
  });

  it('rejects an answer out of turn', async () => {
    const client = await fakeHarness('out-of-turn', 'print(\'{"type":"queued-all","count":3,"at":2}\')');
    await client.hello();
    await expect(client.ping()).rejects.toThrow(
      'the Python harness sent a "queued-all" event outside a run; it was stopped',
    );
    await client.close();
  });

  it('reports a harness that dies with the error line of its traceback', async () => {
    const client = await fakeHarness('dies', 'raise ValueError("the disk is on fire")');
    await client.hello();
    await expect(client.ping()).rejects.toThrow(
      'the Python harness exited with code 1 (ValueError: the disk is on fire)',
    );
    await client.close();
  });

  it('rejects a task settled twice', async () => {
    const events = [
      { type: 'lane', index: 0, label: 'main thread' },
      { type: 'finished', task: 0, lane: 0, startedAt: 1, endedAt: 2, output: null },
      { type: 'finished', task: 0, lane: 0, startedAt: 1, endedAt: 2, output: null },
    ];
    const client = await fakeHarness(
      'twice',
      events.map((e) => `print(${JSON.stringify(JSON.stringify(e))})`).join('\n'),
    );
    await client.hello();
    await expect(
      client.runTasks([{ workload: 'sleep' as const, input: { ms: 1, token: 0 } }], () => undefined),
    ).rejects.toThrow('the Python harness reported task 0 after it settled; it was stopped');
    await client.close();
  });
});
