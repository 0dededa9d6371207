import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuringContext } from '../../test-support/measuring-context';
import { CORPUS_VOCABULARY, writeTestCorpus } from '../../test-support/text-corpus-files';
import { countWordsInText, countWordsWorkload, frequencyDigest, summariseCounts } from './count-words';

const CHUNK = 16 * 1024;

function count(text: string): Promise<Map<string, number>> {
  return countWordsInText(text, measuringContext());
}

/** Filler of `length` characters made of the word "ab" and spaces; returns the text and how many "ab"s it holds. */
function filler(length: number): { text: string; words: number } {
  if (length % 3 === 1) throw new Error('filler would end in a lone "a"');
  const text = 'ab '.repeat(Math.ceil(length / 3)).slice(0, length);
  return { text, words: Math.ceil(length / 3) };
}

describe('countWordsInText', () => {
  it('counts handwritten prose: capitals folded, inner apostrophes kept, punctuation dropped', async () => {
    const text =
      "Don't stop. DON'T stop, the dog's bone!\n" +
      "'Quoted' words-with-hyphens; numbers 42 and x2y.\tIt's   it's\r\nIT'S";
    expect(Object.fromEntries(await count(text))).toEqual({
      "don't": 2,
      stop: 2,
      the: 1,
      "dog's": 1,
      bone: 1,
      quoted: 1,
      words: 1,
      with: 1,
      hyphens: 1,
      numbers: 1,
      and: 1,
      x: 1,
      y: 1,
      "it's": 3,
    });
  });

  it('counts nothing in an empty text or one without letters', async () => {
    expect((await count('')).size).toBe(0);
    expect((await count("  42, 7 ... ' -- \n")).size).toBe(0);
  });

  it('does not split a word that straddles the 16 K chunk boundary', async () => {
    // "boundary" starts 3 characters before the chunk edge and ends 5 after it.
    const head = filler(CHUNK - 4);
    const text = `${head.text} boundary ${head.text}`;
    expect(text.slice(CHUNK - 3, CHUNK + 5)).toBe('boundary');
    const counts = await count(text);
    expect(Object.fromEntries(counts)).toEqual({ ab: 2 * head.words, boundary: 1 });
  });

  it('keeps an apostrophe word whole when the apostrophe sits exactly on the chunk edge', async () => {
    const head = filler(CHUNK - 4);
    const text = `${head.text} don't`;
    expect(text[CHUNK]).toBe("'");
    expect(Object.fromEntries(await count(text))).toEqual({ ab: head.words, "don't": 1 });
  });

  it('counts words that end or start exactly at the chunk edge once each', async () => {
    const head = filler(CHUNK - 5);
    // "edge" fills the last 4 characters of the chunk, "next" begins right after a space at the edge.
    const text = `${head.text} edge next`;
    expect(text.slice(CHUNK - 4, CHUNK)).toBe('edge');
    expect(Object.fromEntries(await count(text))).toEqual({ ab: head.words, edge: 1, next: 1 });
  });

  it('counts a long text without whitespace as one chunk', async () => {
    const word = 'x'.repeat(CHUNK * 2 + 17);
    expect(Object.fromEntries(await count(`${word},${word}`))).toEqual({ [word]: 2 });
  });
});

describe('frequencyDigest', () => {
  it('does not depend on insertion order', () => {
    const entries: [string, number][] = [
      ['alpha', 3],
      ["o'clock", 1],
      ['beta', 10],
      ['gamma', 2],
    ];
    const forward = new Map(entries);
    const backward = new Map([...entries].reverse());
    expect(frequencyDigest(forward)).toBe(frequencyDigest(backward));
    expect(frequencyDigest(forward)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('changes when a count or a word changes', () => {
    const base = new Map([
      ['alpha', 3],
      ['beta', 10],
    ]);
    const digest = frequencyDigest(base);
    expect(frequencyDigest(new Map([...base, ['beta', 11]]))).not.toBe(digest);
    expect(frequencyDigest(new Map([...base, ['gamma', 1]]))).not.toBe(digest);
    expect(frequencyDigest(new Map([['alpha', 3]]))).not.toBe(digest);
  });
});

describe('summariseCounts', () => {
  it('totals the words and lists the five most frequent, ties alphabetically', () => {
    const counts = new Map([
      ['f', 1],
      ['e', 2],
      ['d', 2],
      ['c', 5],
      ['b', 2],
      ['a', 1],
    ]);
    const summary = summariseCounts(counts);
    expect(summary.words).toBe(13);
    expect(summary.distinct).toBe(6);
    expect(summary.top).toEqual([
      ['c', 5],
      ['b', 2],
      ['d', 2],
      ['e', 2],
      ['a', 1],
    ]);
    expect(summary.digest).toBe(frequencyDigest(counts));
  });
});

describe('writeCorpusFile counted by the workload', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'count-words-test-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const [label, seed, targetBytes] of [
    ['a small file', 7, 200_000],
    ['a file above 512 kB (a repeated block)', 8, (1 << 20) + 300_000],
  ] as const) {
    it(`gives exactly the written words and digest for ${label}`, async () => {
      const { path, ...written } = await writeTestCorpus(dir, `corpus-${seed}.txt`, seed, targetBytes);
      expect((await stat(path)).size).toBe(written.bytes);
      expect(written.bytes).toBeGreaterThanOrEqual(targetBytes);
      expect(written.bytes).toBeLessThan(targetBytes + 256);

      const output = await countWordsWorkload({ path }, measuringContext());
      expect(output.words).toBe(written.words);
      expect(output.digest).toBe(written.digest);
      const vocabulary = new Set(CORPUS_VOCABULARY);
      for (const [word] of output.top) expect(vocabulary.has(word), word).toBe(true);
    });
  }

  it('writes the same file for the same seed and a different one for another seed', async () => {
    const { path: pathA, ...a } = await writeTestCorpus(dir, 'a.txt', 11, 50_000);
    const { path: pathB, ...b } = await writeTestCorpus(dir, 'b.txt', 11, 50_000);
    const c = await writeTestCorpus(dir, 'c.txt', 12, 50_000);
    expect(b).toEqual(a);
    expect(await readFile(pathB, 'utf8')).toBe(await readFile(pathA, 'utf8'));
    expect(c.digest).not.toBe(a.digest);
  });
});
