import { describe, expect, it } from 'vitest';
import { CHECKSUM_BYTES, payloadChecksum, payloadEchoWorkload, stampedChecksum } from './payload-echo';

function bytes(length: number, offset = 0): Uint8Array {
  const view = new Uint8Array(new ArrayBuffer(length + offset), offset, length);
  for (let i = 0; i < length; i++) view[i] = (i * 31 + 7) & 255;
  return view;
}

describe('payloadChecksum', () => {
  it('is the same at any byte offset and any length', () => {
    for (const length of [0, 3, 4, 5, 8, 1001, 4096]) {
      const expected = payloadChecksum(bytes(length));
      for (const offset of [1, 2, 3, 4])
        expect(payloadChecksum(bytes(length, offset)), `${length}@${offset}`).toBe(expected);
    }
  });

  it('changes when any byte after the checksum slot changes, and ignores the slot itself', () => {
    const data = bytes(1001);
    const before = payloadChecksum(data);
    data[0] = 99;
    expect(payloadChecksum(data)).toBe(before);
    for (const at of [CHECKSUM_BYTES, 500, 1000]) {
      const changed = bytes(1001);
      changed[at] = changed[at]! ^ 1;
      expect(payloadChecksum(changed), String(at)).not.toBe(before);
    }
  });
});

describe('payloadEchoWorkload', () => {
  it('reads every mode and stamps the checksum where the sender will see it', async () => {
    const data = bytes(4096);
    const expected = payloadChecksum(data);
    const clone = await payloadEchoWorkload({ kind: 'clone', data });
    expect(clone).toMatchObject({ kind: 'clone', checksum: expected });
    expect(stampedChecksum(data)).toBe(expected);

    const shared = new Uint8Array(new SharedArrayBuffer(4096));
    shared.set(bytes(4096));
    const out = await payloadEchoWorkload({
      kind: 'shared',
      buffer: shared.buffer as SharedArrayBuffer,
      byteLength: 4096,
    });
    expect(out).toMatchObject({ kind: 'shared', checksum: expected });
    expect(stampedChecksum(shared)).toBe(expected);

    expect(await payloadEchoWorkload({ kind: 'ping', token: 7 })).toEqual({ kind: 'ping', token: 7 });
  });
});
