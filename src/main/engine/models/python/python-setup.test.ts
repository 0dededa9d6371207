import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePool } from '../../../../shared/pool';
import { findPythonSetup, pythonCatalog, pythonExecutorFor, pythonModelAvailability } from './python-setup';

const outMain = resolve(__dirname, '../../../../../out/main');
const dir = mkdtempSync(join(tmpdir(), 'lab-setup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Python setup', () => {
  it('finds the harness beside the build and lists the interpreters for the catalog', async () => {
    const setup = await findPythonSetup({ mainDir: outMain });
    expect(setup.harnessPath).toBe(resolve(__dirname, '../../../../../resources/python/harness.py'));
    const catalog = pythonCatalog(setup);
    expect(catalog.unavailable).toBeNull();
    expect(catalog.interpreters[0]).toMatchObject({
      build: 'GIL',
      label: expect.stringMatching(/^CPython 3\./),
    });
    const executor = pythonExecutorFor('py-threads', resolvePool({ threads: 3 }, 2), setup);
    expect(executor.workers).toBe(3);
    expect(executor.model).toBe('py-threads');
  });

  it('finds the packaged copy outside the asar archive', async () => {
    mkdirSync(join(dir, 'app.asar.unpacked', 'resources', 'python'), { recursive: true });
    writeFileSync(join(dir, 'app.asar.unpacked', 'resources', 'python', 'harness.py'), '');
    const setup = await findPythonSetup({ mainDir: join(dir, 'app.asar', 'out', 'main') });
    expect(setup.harnessPath).toBe(join(dir, 'app.asar.unpacked', 'resources', 'python', 'harness.py'));
  });

  it('makes every Python model unavailable, with the reason, when the harness is missing', async () => {
    const setup = await findPythonSetup({ mainDir: join(dir, 'elsewhere', 'out', 'main') });
    const availability = pythonModelAvailability('py-processes', setup);
    expect(availability).toEqual({
      available: false,
      reason: `the Python harness is missing from this build (looked near ${join(dir, 'elsewhere', 'out', 'main')})`,
    });
    expect(pythonCatalog(setup).unavailable).toBe(availability.available ? null : availability.reason);
    expect(() => pythonExecutorFor('py-processes', resolvePool({}, 2), setup)).toThrow(
      /^py-processes is unavailable: the Python harness is missing/,
    );
  });

  it('makes them unavailable when the interpreter asked for is not there', async () => {
    const setup = await findPythonSetup({ mainDir: outMain, explicit: join(dir, 'python3.99') });
    expect(pythonCatalog(setup)).toEqual({
      interpreters: [],
      unavailable: `no usable Python: ${join(dir, 'python3.99')} not found`,
    });
  });
});
