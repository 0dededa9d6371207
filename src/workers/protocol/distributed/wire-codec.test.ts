import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from './wire-codec';

describe('wire codec', () => {
  it('round-trips plain data, typed arrays and bigints', () => {
    const value = {
      sum: 12345678901234567890n,
      inverse: new Float64Array([1.5, -2.25, Math.PI]),
      bytes: new Uint8Array([0, 255, 7]),
      nested: [{ token: 3, ms: 10 }, null, 'text'],
    };
    const back = decodeWire(encodeWire(value)) as typeof value;
    expect(back.sum).toBe(12345678901234567890n);
    expect(back.inverse).toBeInstanceOf(Float64Array);
    expect([...back.inverse]).toEqual([1.5, -2.25, Math.PI]);
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect([...back.bytes]).toEqual([0, 255, 7]);
    expect(back.nested).toEqual(value.nested);
  });

  it('encodes a view of part of a buffer as just that part', () => {
    const whole = new Float64Array([1, 2, 3, 4]);
    const back = decodeWire(encodeWire(whole.subarray(1, 3))) as Float64Array;
    expect([...back]).toEqual([2, 3]);
  });

  it('rejects bytes that are not UTF-8 JSON, and malformed tags', () => {
    expect(() => decodeWire(new Uint8Array([0xff, 0xfe]))).toThrow();
    expect(() => decodeWire(new TextEncoder().encode('{"a":'))).toThrow();
    const badLength = JSON.stringify({
      $lab: 'Float64Array',
      base64: Buffer.from([1, 2, 3]).toString('base64'),
    });
    expect(() => decodeWire(new TextEncoder().encode(badLength))).toThrow(/whole number of elements/);
    expect(() => decodeWire(new TextEncoder().encode('{"$lab":"bigint","value":"1e9"}'))).toThrow(/integer/);
  });

  it('leaves objects that merely look tagged as they are', () => {
    const text = '{"$lab":"Float64Array","base64":"AAAA","extra":1}';
    expect(decodeWire(new TextEncoder().encode(text))).toEqual(JSON.parse(text));
  });
});
