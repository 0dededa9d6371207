/**
 * Generated corpus files for workload tests: the worker layer may not import the engine (ESLint
 * layering), so its tests reach the engine's corpus generator through here.
 */
import { join } from 'node:path';
import { VOCABULARY, writeCorpusFile, type CorpusFile } from '../main/engine/scenarios/text-corpus';

/** Writes the corpus file of `seed` (about `targetBytes`) as `dir/name`; returns its path and what was written. */
export async function writeTestCorpus(
  dir: string,
  name: string,
  seed: number,
  targetBytes: number,
): Promise<CorpusFile & { readonly path: string }> {
  const path = join(dir, name);
  return { path, ...(await writeCorpusFile(path, seed, targetBytes)) };
}

/** Every word the corpus generator may write. */
export const CORPUS_VOCABULARY: readonly string[] = VOCABULARY;
