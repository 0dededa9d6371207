import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeProbe, detectPython, probeInterpreter, pythonAvailability } from './python-interpreter';

const dir = mkdtempSync(join(tmpdir(), 'lab-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in interpreter: a shell script that answers the probe as a given Python would. */
function fakePython(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function answer(version: string, freeThreaded = false): string {
  const [major, minor] = version.split('.');
  const json = JSON.stringify({
    executable: `/opt/python-${version}/bin/python`,
    version,
    implementation: 'CPython',
    versionInfo: [Number(major), Number(minor)],
    freeThreaded,
  });
  return `echo '${json}'`;
}

describe('finding Python', () => {
  it('finds the python3 on PATH with its version and build, once', async () => {
    const first = detectPython();
    expect(detectPython()).toBe(first); // cached
    const detection = await first;
    expect(detection.unavailable).toBeNull();
    const interpreter = detection.interpreters[0]!;
    expect(interpreter.command).toBe('python3');
    expect(interpreter.version).toMatch(/^3\.\d+\.\d+/);
    expect(interpreter.label).toBe(`${interpreter.implementation} ${interpreter.version}, GIL`);
    expect(pythonAvailability('py-threads', detection)).toEqual({ available: true, interpreter });
  });

  it('says why there is none when nothing is on PATH', async () => {
    const detection = await detectPython({ path: join(dir, 'empty'), refresh: true });
    expect(detection.interpreters).toEqual([]);
    expect(detection.unavailable).toBe('no usable Python: python3 not found; python not found');
    expect(pythonAvailability('py-processes', detection)).toEqual({
      available: false,
      reason: 'no usable Python: python3 not found; python not found',
    });
  });

  it.skipIf(process.platform === 'win32')('names an interpreter that is too old', async () => {
    const old = fakePython('python2', answer('2.7.18'));
    const detection = await detectPython({ explicit: old });
    expect(detection.probes[0]).toMatchObject({ status: 'too-old', version: '2.7.18' });
    expect(detection.unavailable).toBe(`no usable Python: ${old} is Python 2.7.18, older than 3.9`);
  });

  it.skipIf(process.platform === 'win32')(
    'gives the first line of the error of one that fails to start',
    async () => {
      const stub = fakePython(
        'python-stub',
        'echo "Python was not found; run without arguments to install from the Microsoft Store." >&2\necho "second line" >&2\nexit 9009',
      );
      const probe = await probeInterpreter(stub);
      expect(probe).toEqual({
        status: 'failed',
        command: stub,
        error: 'Python was not found; run without arguments to install from the Microsoft Store.',
      });
      expect(describeProbe(probe)).toMatch(/failed to start: Python was not found/);
      const garbled = await probeInterpreter(fakePython('python-garbled', 'echo hello'));
      expect(garbled).toMatchObject({ status: 'failed', error: 'printed something unexpected: hello' });
    },
  );

  it('reports a path that does not exist as not found', async () => {
    const detection = await detectPython({ explicit: join(dir, 'no-such-python') });
    expect(detection.probes[0]!.status).toBe('not-found');
    expect(detection.unavailable).toMatch(/no-such-python not found$/);
  });

  it.skipIf(process.platform === 'win32')(
    'offers py-threads-nogil only on a free-threaded build',
    async () => {
      const gil = await detectPython({ explicit: fakePython('python3.13', answer('3.13.1')) });
      const nogil = pythonAvailability('py-threads-nogil', gil);
      expect(nogil.available).toBe(false);
      if (!nogil.available)
        expect(nogil.reason).toMatch(/needs a free-threaded CPython.*found CPython 3\.13\.1, GIL$/);

      const freeThreaded = await detectPython({
        explicit: fakePython('python3.13t', answer('3.13.1', true)),
      });
      const interpreter = freeThreaded.interpreters[0]!;
      expect(interpreter.label).toBe('CPython 3.13.1, free-threaded');
      expect(pythonAvailability('py-threads-nogil', freeThreaded)).toEqual({ available: true, interpreter });
      // The GIL models run on it too, with the GIL switched back on.
      expect(pythonAvailability('py-threads', freeThreaded)).toEqual({ available: true, interpreter });
    },
  );
});
