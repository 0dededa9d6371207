/** cpu-wordcount: N generated text files, each read and word-counted by one task; counts known from generation. */
import { join } from 'node:path';
import { bestTimeMs } from './calibrate';
import { formatCount } from '../../../shared/format';
import { field, type ScenarioRunner } from './scenario';
import { writeCorpusFile, type CorpusFile } from './text-corpus';

/** The calibration file: big enough to take tens of ms to count. */
const PROBE_BYTES = 2 * 1024 * 1024;
/** Files are at least this big, whatever the calibration says. */
const MIN_FILE_BYTES = 4096;
/** And at most this big: a string of more than ~500 MB does not fit V8. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** The engine side of cpu-wordcount. */
export const wordCountScenario: ScenarioRunner = {
  id: 'cpu-wordcount',
  async prepare(params, ctx) {
    const tasks = params.tasks!;
    ctx.report('calibrating file size');
    const probePath = join(ctx.tempDir, 'probe.txt');
    const probe = await writeCorpusFile(probePath, 1, PROBE_BYTES);
    const bytesPerMs =
      probe.bytes /
      Math.max(0.001, await bestTimeMs(ctx, { workload: 'count-words', input: { path: probePath } }));
    const fileBytes = Math.min(
      MAX_FILE_BYTES,
      Math.max(MIN_FILE_BYTES, Math.round(bytesPerMs * params.taskMs!)),
    );
    const files: (CorpusFile & { path: string })[] = [];
    for (let i = 0; i < tasks; i++) {
      if (ctx.signal.aborted) throw new Error('cancelled while generating files');
      ctx.report(`generating file ${i + 1} of ${tasks}`);
      const path = join(ctx.tempDir, `file-${String(i + 1).padStart(3, '0')}.txt`);
      files.push({ path, ...(await writeCorpusFile(path, 100 + i, fileBytes)) });
    }
    return {
      tasks: files.map(({ path }) => ({ workload: 'count-words', input: { path } })),
      derived: { fileBytes, folder: ctx.tempDir },
      check(task, output) {
        const file = files[task]!;
        const words = field(output, 'words');
        const digest = field(output, 'digest');
        if (words !== file.words || digest !== file.digest) {
          return {
            ok: false,
            problem: `file ${task + 1}: counted ${String(words)} words (digest ${String(digest)}), wrote ${file.words} (${file.digest})`,
          };
        }
        return { ok: true, digest: file.digest, tally: BigInt(file.words) };
      },
      answer: (tally, completed) =>
        `${formatCount(tally)} words counted in ${formatCount(completed)} file${completed === 1 ? '' : 's'}`,
      async dispose() {},
    };
  },
};
