/**
 * The data-passing lesson's far side: reads every byte of a payload (a checksum), writes the checksum
 * into the payload's first four bytes, and sends it back — or only the checksum, when the payload
 * lives in shared memory. A tiny ping measures the bare message round trip.
 */
import { epochNow } from '../../shared/clock';

/** Bytes at the start of a payload that hold the far side's checksum (not part of what is summed). */
export const CHECKSUM_BYTES = 4;

/** What crosses to the far side. */
export type PayloadEchoInput =
  /** The payload is copied there and back (structured clone). */
  | { readonly kind: 'clone'; readonly data: Uint8Array }
  /** The payload's buffer is moved there and back (transfer list); the sender's copy is detached. */
  | { readonly kind: 'transfer'; readonly data: Uint8Array }
  /** Only this message crosses; the payload stays in shared memory both sides see. */
  | { readonly kind: 'shared'; readonly buffer: SharedArrayBuffer; readonly byteLength: number }
  | { readonly kind: 'ping'; readonly token: number };

/** What comes back; a host transfers a typed array at the top level of an output, and copies one nested deeper. */
export type PayloadEchoOutput =
  | {
      readonly kind: 'clone';
      readonly checksum: number;
      readonly touchMs: number;
      readonly echo: { readonly data: Uint8Array };
    }
  | {
      readonly kind: 'transfer';
      readonly checksum: number;
      readonly touchMs: number;
      readonly data: Uint8Array;
    }
  | { readonly kind: 'shared'; readonly checksum: number; readonly touchMs: number }
  | { readonly kind: 'ping'; readonly token: number };

/** FNV-1a over the payload's little-endian 32-bit words after the checksum slot (then its tail bytes), as an unsigned int. */
export function payloadChecksum(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  const body = bytes.byteLength - CHECKSUM_BYTES;
  if (body <= 0) return hash >>> 0;
  const wordStart = bytes.byteOffset + CHECKSUM_BYTES;
  const words = Math.floor(body / 4);
  if (wordStart % 4 === 0) {
    // Int32Array reads in platform order, which is little-endian on every platform Node and Electron ship for.
    const view = new Int32Array(bytes.buffer, wordStart, words);
    for (let i = 0; i < words; i++) hash = Math.imul(hash ^ view[i]!, 0x01000193);
  } else {
    // A Buffer from a process's message may sit at any offset in its pool.
    const view = new DataView(bytes.buffer, wordStart, words * 4);
    for (let i = 0; i < words; i++) hash = Math.imul(hash ^ view.getInt32(i * 4, true), 0x01000193);
  }
  for (let i = CHECKSUM_BYTES + words * 4; i < bytes.byteLength; i++)
    hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

/** Stamps a checksum into the first four bytes (little-endian). */
export function stampChecksum(bytes: Uint8Array, checksum: number): void {
  new DataView(bytes.buffer, bytes.byteOffset, CHECKSUM_BYTES).setUint32(0, checksum, true);
}

/** The checksum stamped into a payload's first four bytes. */
export function stampedChecksum(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, CHECKSUM_BYTES).getUint32(0, true);
}

function touch(bytes: Uint8Array): { checksum: number; touchMs: number } {
  const startedAt = epochNow();
  const checksum = payloadChecksum(bytes);
  stampChecksum(bytes, checksum);
  return { checksum, touchMs: epochNow() - startedAt };
}

/** Reads and stamps the payload, then returns it the way it came. */
export async function payloadEchoWorkload(input: PayloadEchoInput): Promise<PayloadEchoOutput> {
  switch (input.kind) {
    case 'ping':
      return { kind: 'ping', token: input.token };
    case 'shared':
      return { kind: 'shared', ...touch(new Uint8Array(input.buffer, 0, input.byteLength)) };
    case 'clone':
      return { kind: 'clone', ...touch(input.data), echo: { data: input.data } };
    case 'transfer':
      return { kind: 'transfer', ...touch(input.data), data: input.data };
  }
}
