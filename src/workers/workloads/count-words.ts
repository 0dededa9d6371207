/** Word frequencies of a text file: read (I/O), then tokenise and count (CPU). */
import { readFile } from 'node:fs/promises';
import type { WorkloadContext } from './workload-context';
import { fnv1aString, hex32 } from '../../shared/hashing';

/** A text file to count. */
export interface CountWordsInput {
  readonly path: string;
}

/** Totals, the most frequent words and a digest of the whole frequency table. */
export interface CountWordsOutput {
  readonly words: number;
  readonly distinct: number;
  readonly top: readonly (readonly [string, number])[];
  readonly digest: string;
}

const WORD = /[a-z]+(?:'[a-z]+)?/g;
const CHUNK_CHARS = 16 * 1024;

/** Digest of a frequency table, independent of insertion order. */
export function frequencyDigest(counts: ReadonlyMap<string, number>): string {
  const keys = [...counts.keys()].sort();
  let h = 0x811c9dc5;
  for (const key of keys) h = fnv1aString(`${key}:${counts.get(key)}\n`, h);
  return hex32(h);
}

/** Summarises a frequency table the way the workload reports it. */
export function summariseCounts(counts: ReadonlyMap<string, number>): CountWordsOutput {
  let words = 0;
  for (const n of counts.values()) words += n;
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  return { words, distinct: counts.size, top, digest: frequencyDigest(counts) };
}

/** Counts the words of a text, lower-case letters with inner apostrophes, checkpointing every 16 K characters. */
export async function countWordsInText(text: string, ctx: WorkloadContext): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + CHUNK_CHARS);
    // Cut on whitespace so that no word is split between chunks.
    while (to < text.length && text.charCodeAt(to) > 32) to++;
    const chunk = text.slice(from, to).toLowerCase();
    for (const match of chunk.matchAll(WORD)) {
      const word = match[0];
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    from = to;
    await ctx.checkpoint();
  }
  return counts;
}

/** Reads one file and counts its words. */
export async function countWordsWorkload(
  input: CountWordsInput,
  ctx: WorkloadContext,
): Promise<CountWordsOutput> {
  const text = await ctx.io(readFile(input.path, 'utf8'));
  return summariseCounts(await countWordsInText(text, ctx));
}
