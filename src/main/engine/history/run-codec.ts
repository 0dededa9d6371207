/** How a whole run (timelines included) is stored: JSON, gzip-compressed off the main thread. */
import { once } from 'node:events';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';
import type { Lane, ModelResult, RunResult, TaskRecord } from '../../../shared/results';
import { LaneList } from '../../../shared/lane-list';
import { TaskTimeline } from '../../../shared/task-timeline';
import { writeJsonInTurns } from './json-in-turns';

const gunzipAsync = promisify(gunzip);

/** Turns a run into bytes for the store and back; `encoding` is saved beside the bytes. */
export interface RunCodec {
  readonly encoding: string;
  encode(result: RunResult): Promise<Uint8Array>;
  decode(bytes: Uint8Array): Promise<RunResult>;
}

/**
 * gzip of the JSON text. Timelines are mostly random-looking doubles: measured on 100,000 tasks,
 * brotli at quality 4–9 was 2–8 times slower than gzip's default level for a slightly larger result.
 */
export const gzipJsonCodec: RunCodec = {
  encoding: 'json+gzip',
  encode: (result) => gzipJson(result),
  decode: async (bytes) => withTaskTimelines(await gunzipJson<StoredRun>(bytes)),
};

/** A run as its JSON text has it: each timeline an array of task records. */
type StoredRun = Omit<RunResult, 'results'> & {
  readonly results: readonly (Omit<ModelResult, 'timeline' | 'lanes'> & {
    readonly timeline: readonly TaskRecord[];
    readonly lanes: readonly Lane[];
  })[];
};

/** A stored run with its timelines as columns again. */
function withTaskTimelines(run: StoredRun): RunResult {
  return {
    ...run,
    results: run.results.map((model) => {
      if (!Array.isArray(model.timeline)) throw new Error(`its ${model.model} result has no timeline`);
      if (!Array.isArray(model.lanes)) throw new Error(`its ${model.model} result has no lanes`);
      return { ...model, timeline: TaskTimeline.of(model.timeline), lanes: LaneList.of(model.lanes) };
    }),
  };
}

/**
 * gzip of a value's JSON text: compressed off the main thread, and the text written in parts with
 * turns of the event loop between them, so saving a 100,000-task run never stalls a serving process.
 */
export async function gzipJson(value: unknown): Promise<Uint8Array> {
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(gzip, 'end');
  try {
    await writeJsonInTurns(value, async (part) => {
      if (!gzip.write(part)) await once(gzip, 'drain');
    });
  } catch (error) {
    gzip.destroy();
    throw error;
  }
  gzip.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/** The value gzipJson stored; the caller knows its type. */
export async function gunzipJson<T>(bytes: Uint8Array): Promise<T> {
  return JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as T;
}
