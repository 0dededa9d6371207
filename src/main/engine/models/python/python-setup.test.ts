import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePool } from '../../../../shared/pool';
import { hostScriptsIn } from '../host-scripts';
import { forkSpawner } from '../process-spawner';
import { PYTHON_ENGINES, pythonModelProbe } from './python-engines';
import { chosenPython, findPythonSetup, pythonCatalog, pythonModelAvailability } from './python-setup';

const outMain = resolve(__dirname, '../../../../../out/main');
const hostScripts = hostScriptsIn(outMain);
const dir = mkdtempSync(join(tmpdir(), 'lab-setup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Python setup', () => {
  it('finds the harness beside the build and lists the interpreters for the catalog', async () => {
    const setup = await findPythonSetup({ hostScripts });
    expect(setup.harnessPath).toBe(resolve(__dirname, '../../../../../resources/python/harness.py'));
    const catalog = pythonCatalog(setup);
    expect(catalog.unavailable).toBeNull();
    expect(catalog.interpreters[0]).toMatchObject({
      build: 'GIL',
      label: expect.stringMatching(/^CPython 3\./),
    });
    // It crosses IPC and the WebSocket: plain data only.
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });

  it('builds executors sized by the knob each model follows, and probes with the interpreter’s label', async () => {
    const env = {
      hostScripts,
      spawner: forkSpawner,
      callingThreadYieldMs: 100,
      callingThread: 'inline' as const,
    };
    const pool = resolvePool({ threads: 3, processes: 2, concurrency: 7 }, 2);
    expect(PYTHON_ENGINES['py-threads'].createExecutor(pool, env).workers).toBe(3);
    expect(PYTHON_ENGINES['py-processes'].createExecutor(pool, env).workers).toBe(2);
    expect(PYTHON_ENGINES['py-asyncio'].createExecutor(pool, env).workers).toBe(7);
    expect(PYTHON_ENGINES['py-sequential'].createExecutor(pool, env).workers).toBe(1);
    expect(await pythonModelProbe('py-threads', { hostScripts })).toEqual({
      available: true,
      runtime: expect.stringMatching(/^CPython 3\.\d+\.\d+, GIL$/),
    });
  });

  it('makes every Python model unavailable, with the reason, when the harness is missing', async () => {
    const elsewhere = hostScriptsIn(join(dir, 'elsewhere', 'out', 'main'));
    const setup = await findPythonSetup({ hostScripts: elsewhere });
    const availability = pythonModelAvailability('py-processes', setup);
    expect(availability).toEqual({
      available: false,
      reason: `the Python harness is missing from this build (no ${join(dir, 'elsewhere', 'resources', 'python', 'harness.py')})`,
    });
    expect(pythonCatalog(setup).unavailable).toBe(availability.available ? null : availability.reason);
  });

  it('makes them unavailable when the interpreter asked for is not there, and an executor says why at start', async () => {
    const python = join(dir, 'python3.99');
    const setup = await findPythonSetup({ hostScripts, python });
    expect(pythonCatalog(setup)).toEqual({
      interpreters: [],
      unavailable: `no usable Python: ${python} not found`,
    });
    expect(await pythonModelProbe('py-threads', { hostScripts, python })).toEqual({
      available: false,
      reason: `no usable Python: ${python} not found`,
    });
    const env = {
      hostScripts,
      python,
      spawner: forkSpawner,
      callingThreadYieldMs: 100,
      callingThread: 'inline' as const,
    };
    const executor = PYTHON_ENGINES['py-threads'].createExecutor(resolvePool({}, 2), env);
    await expect(executor.start()).rejects.toThrow(
      `py-threads is unavailable: no usable Python: ${python} not found`,
    );
    await executor.close();
  });

  it('takes the interpreter from the flag, else CONCURRENCY_LAB_PYTHON, else none (PATH)', () => {
    expect(chosenPython('/opt/py', { CONCURRENCY_LAB_PYTHON: '/usr/bin/python3' })).toBe('/opt/py');
    expect(chosenPython(undefined, { CONCURRENCY_LAB_PYTHON: '/usr/bin/python3' })).toBe('/usr/bin/python3');
    expect(chosenPython(undefined, { CONCURRENCY_LAB_PYTHON: ' ' })).toBeUndefined();
    expect(chosenPython(undefined, {})).toBeUndefined();
  });
});
