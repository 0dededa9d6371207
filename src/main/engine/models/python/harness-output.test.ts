import { describe, expect, it } from 'vitest';
import { decodeHarnessOutput } from './harness-output';

describe('decodeHarnessOutput', () => {
  it('turns a $float64 field into the Float64Array a Node workload returns', () => {
    const bytes = Buffer.alloc(16);
    bytes.writeDoubleLE(0.1, 0);
    bytes.writeDoubleLE(-2.5e-300, 8);
    const output = decodeHarnessOutput({ inverse: { $float64: bytes.toString('base64') }, digest: 'abc' });
    expect(output).toEqual({ inverse: new Float64Array([0.1, -2.5e-300]), digest: 'abc' });
  });

  it('leaves everything else, malformed payloads included, for the check to judge', () => {
    const plain = { count: 3 };
    expect(decodeHarnessOutput(plain)).toBe(plain);
    expect(decodeHarnessOutput([1, 2])).toEqual([1, 2]);
    expect(decodeHarnessOutput(null)).toBeNull();
    expect(decodeHarnessOutput({ inverse: { $float64: 'AAAA' } })).toEqual({ inverse: { $float64: 'AAAA' } });
  });
});
