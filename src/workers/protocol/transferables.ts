/** What moves instead of being copied when a message crosses to another thread. */
import type { TransferListItem } from 'node:worker_threads';

/** Buffers of typed arrays at the top level of an output: moved, not copied, to the other thread. */
export function transferables(output: unknown): TransferListItem[] {
  if (!output || typeof output !== 'object') return [];
  const list: TransferListItem[] = [];
  for (const value of Object.values(output)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) list.push(value.buffer);
  }
  return list;
}
