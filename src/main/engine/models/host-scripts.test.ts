import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertHostScripts, hostScriptsIn } from './host-scripts';

describe('the host scripts', () => {
  it('put the Python harness two folders above the build, outside app.asar in a package', () => {
    expect(hostScriptsIn(join('/src/lab', 'out', 'main')).pythonHarness).toBe(
      join('/src/lab', 'resources', 'python', 'harness.py'),
    );
    expect(hostScriptsIn('/opt/Lab/resources/app.asar/out/main').pythonHarness).toBe(
      '/opt/Lab/resources/app.asar.unpacked/resources/python/harness.py',
    );
  });

  it('do not need the harness to be there: without it only the Python models are unavailable', () => {
    const scripts = { ...hostScriptsIn(join(__dirname, 'nowhere')) };
    expect(() => assertHostScripts(scripts)).toThrow(/thread-host\.js: run "npm run build" first/);
    const built = hostScriptsIn(join(__dirname, '../../../../out/main'));
    expect(assertHostScripts({ ...built, pythonHarness: '/nowhere/harness.py' }).pythonHarness).toBe(
      '/nowhere/harness.py',
    );
  });
});
