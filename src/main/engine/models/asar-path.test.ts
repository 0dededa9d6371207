import { describe, expect, it } from 'vitest';
import { outsideAsar } from './asar-path';

describe('outsideAsar', () => {
  it('points a path inside the archive at its unpacked copy', () => {
    expect(outsideAsar('/opt/Concurrency Lab/resources/app.asar/resources/python/harness.py')).toBe(
      '/opt/Concurrency Lab/resources/app.asar.unpacked/resources/python/harness.py',
    );
    expect(
      outsideAsar('C:\\Program Files\\Concurrency Lab\\resources\\app.asar\\resources\\python\\harness.py'),
    ).toBe('C:\\Program Files\\Concurrency Lab\\resources\\app.asar.unpacked\\resources\\python\\harness.py');
  });

  it('leaves paths outside an archive alone, including the development tree and already unpacked paths', () => {
    for (const path of [
      '/home/me/concurrency-lab/resources/python/harness.py',
      '/opt/lab/resources/app.asar.unpacked/resources/python/harness.py',
      '/opt/lab/app.asarx/harness.py',
    ])
      expect(outsideAsar(path)).toBe(path);
  });
});
