/**
 * A small sample of a computing task, for timing before a run: the same workload on a fraction of
 * its input (a sub-range, a smaller image or matrix, the start of a file), with the share of the
 * work that fraction is, so a sample's time scales up to the whole task's. Waiting workloads (sleep,
 * HTTP) have no sample: they take as long in any runtime.
 */
import { open, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskSpec } from '../../../../workers/protocol/executor';

/** A sample of a task and the share of the task's work it is. */
export interface TaskSample {
  readonly task: TaskSpec;
  /** Its cost over the whole task's, 0..1 (the model the workload's cost follows: linear, n², n³). */
  readonly share: number;
  /** Removes what the sample made (a shortened copy of a file). */
  readonly dispose: () => Promise<void>;
}

const NOTHING = async (): Promise<void> => undefined;

function record(input: unknown): Record<string, unknown> | null {
  return input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : null;
}

function range(task: TaskSpec, share: number): TaskSample | null {
  const input = record(task.input);
  const { start, end } = input ?? {};
  if (typeof start !== 'number' || typeof end !== 'number' || end <= start) return null;
  const units = Math.max(1, Math.round((end - start) * share));
  return {
    task: { ...task, input: { ...input, end: start + units } },
    share: units / (end - start),
    dispose: NOTHING,
  };
}

function scaled(task: TaskSpec, key: string, share: number, power: number, least: number): TaskSample | null {
  const input = record(task.input);
  const size = input?.[key];
  if (typeof size !== 'number' || size < least) return null;
  const smaller = Math.max(least, Math.min(size, Math.round(size * share ** (1 / power))));
  return {
    task: { ...task, input: { ...input, [key]: smaller } },
    share: (smaller / size) ** power,
    dispose: NOTHING,
  };
}

/** The first `share` of a text file, cut at a space, as a new file in a folder of its own. */
async function filePrefix(task: TaskSpec, share: number): Promise<TaskSample | null> {
  const path = record(task.input)?.path;
  if (typeof path !== 'string') return null;
  const size = (await stat(path)).size;
  if (size === 0) return null;
  const want = Math.max(1, Math.min(size, Math.round(size * share)));
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(want);
    const { bytesRead } = await handle.read(buffer, 0, want, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const space = bytes.lastIndexOf(0x20);
  const cut = want < size && space > 0 ? bytes.subarray(0, space) : bytes;
  const dir = await mkdtemp(join(tmpdir(), 'concurrency-lab-sample-'));
  const samplePath = join(dir, 'sample.txt');
  await writeFile(samplePath, cut);
  return {
    task: { ...task, input: { ...record(task.input), path: samplePath } },
    share: cut.length / size,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A sample of about `share` of a task's work, or null for a workload that waits rather than computes. */
export async function sampleTask(task: TaskSpec, share: number): Promise<TaskSample | null> {
  const whole = Math.min(1, share);
  switch (task.workload) {
    case 'count-primes':
    case 'sum-squares':
      return range(task, whole);
    case 'process-image':
      return scaled(task, 'size', whole, 2, 8);
    case 'invert-matrix':
      return scaled(task, 'n', whole, 3, 2);
    case 'count-words':
      return filePrefix(task, whole);
    default:
      return null;
  }
}
