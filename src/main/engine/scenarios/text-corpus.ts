/** Generated text files for cpu-wordcount: reproducible prose whose word counts are known as it is written. */
import { writeFile } from 'node:fs/promises';
import { seededRandom } from '../../../shared/hashing';
import { frequencyDigest } from '../../../workers/workloads/count-words';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'ti',
  'vo',
  'ze',
  'an',
  'el',
  'or',
  'ul',
  'is',
  'qua',
  'tre',
  'pli',
  'dro',
  'sen',
  'mar',
];
const SUFFIXES = ["'s", "'t", "'ll", "'re"];

/** The vocabulary: 3000 distinct lower-case words, a few with apostrophes. */
export const VOCABULARY: readonly string[] = (() => {
  const random = seededRandom(20_240_601);
  const words = new Set<string>();
  while (words.size < 3000) {
    const length = 1 + Math.floor(random() * 4);
    let word = '';
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (random() < 0.05) word += SUFFIXES[Math.floor(random() * SUFFIXES.length)];
    words.add(word);
  }
  return [...words];
})();

/** What was written, for checking the counts. */
export interface CorpusFile {
  readonly bytes: number;
  readonly words: number;
  readonly digest: string;
}

const ENCODED = VOCABULARY.map((word) => Buffer.from(word, 'latin1'));
const CAPITALISED = VOCABULARY.map((word) => Buffer.from(word[0]!.toUpperCase() + word.slice(1), 'latin1'));
const SPACE = 0x20;
const NEWLINE = 0x0a;
const PERIOD = 0x2e;
const COMMA = 0x2c;

/** Longest block generated word by word (about 20 ms of work); bigger files repeat their block. */
const BLOCK_BYTES = 1 << 19;

interface Block {
  readonly bytes: Buffer;
  readonly counts: Uint32Array;
  readonly words: number;
}

function generateBlock(seed: number, targetBytes: number): Block {
  const random = seededRandom(seed);
  const counts = new Uint32Array(VOCABULARY.length);
  const out = Buffer.allocUnsafe(targetBytes + 64);
  let at = 0;
  let words = 0;
  let sentenceStart = true;
  let lineWords = 0;
  while (at < targetBytes) {
    // Skewed towards the first words of the vocabulary, as natural language is.
    const index = Math.floor(VOCABULARY.length * random() ** 3);
    counts[index]! += 1;
    words++;
    const bytes = (sentenceStart ? CAPITALISED : ENCODED)[index]!;
    for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i]!;
    sentenceStart = false;
    const r = random();
    if (r < 0.07) {
      out[at++] = PERIOD;
      sentenceStart = true;
    } else if (r < 0.12) out[at++] = COMMA;
    lineWords++;
    if (lineWords >= 12) {
      out[at++] = NEWLINE;
      lineWords = 0;
    } else out[at++] = SPACE;
  }
  return { bytes: out.subarray(0, at), counts, words };
}

/**
 * Writes about `targetBytes` of prose (Zipf-like word frequencies, sentences, punctuation, line breaks)
 * and returns the true word counts. Files above 512 kB repeat one generated block: counting still reads
 * every byte, and generating stays far cheaper than the counting it prepares.
 */
export async function writeCorpusFile(path: string, seed: number, targetBytes: number): Promise<CorpusFile> {
  const repeats = Math.max(1, Math.ceil(targetBytes / BLOCK_BYTES));
  const block = generateBlock(seed, Math.ceil(targetBytes / repeats));
  await writeFile(
    path,
    repeats === 1 ? block.bytes : Buffer.concat(Array.from({ length: repeats }, () => block.bytes)),
  );
  const table = new Map<string, number>();
  block.counts.forEach((count, index) => {
    if (count > 0) table.set(VOCABULARY[index]!, count * repeats);
  });
  return {
    bytes: block.bytes.length * repeats,
    words: block.words * repeats,
    digest: frequencyDigest(table),
  };
}
