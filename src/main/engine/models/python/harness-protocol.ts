/**
 * The JSON-lines protocol between the engine and the Python harness (resources/python). Every line
 * the harness writes is parsed by `harnessMessageSchema` before the engine believes any of it.
 * Harness times ("at", "startedAt", "endedAt") are ms since the harness started, on its
 * perf_counter; the clock alignment maps them onto the lab's clock.
 */
import { z } from 'zod';
import type { TaskSpec } from '../../../../workers/protocol/executor';
import type { PythonModelId } from './python-models';

/** The protocol version this engine speaks; the harness says which it speaks in its hello. */
export const HARNESS_PROTOCOL = 1;

const time = z.number();
const count = z.number().int().nonnegative();
const label = z.string().min(1).max(200);
const usage = z.object({ cpuMs: z.number().nonnegative(), rssBytes: z.number().nonnegative() });
const lane = z.object({ index: count, label });

/** What the harness measured of the GIL during one run (see concurrency_lab/gil_costs.py). */
const runStats = z.object({
  switchIntervalMs: z.number().positive(),
  gilEnabled: z.boolean(),
  cpuSource: z.enum(['time.thread_time', 'time.process_time']),
  lanes: z.array(
    z.object({
      lane: count.nullable(),
      label,
      busyMs: z.number().nonnegative(),
      cpuMs: z.number().nonnegative(),
      tasks: count,
    }),
  ),
  probe: z.object({
    sleepMs: z.number().positive(),
    samples: count,
    idleP50Ms: z.number().nonnegative(),
    lateP50Ms: z.number().nonnegative(),
    lateP95Ms: z.number().nonnegative(),
    lateMaxMs: z.number().nonnegative(),
    lateMeanMs: z.number().nonnegative(),
  }),
});

/** Every message the harness may send. */
export const harnessMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    pid: z.number().int().positive(),
    python: z.object({
      version: z.string(),
      implementation: z.string(),
      executable: z.string(),
      freeThreaded: z.boolean(),
      gilEnabled: z.boolean(),
    }),
    cores: z.number().int().positive(),
    startMethod: z.string(),
    at: time,
  }),
  z.object({ type: z.literal('pong'), id: count, at: time, epochMs: time }),
  z.object({
    type: z.literal('ready'),
    model: z.string(),
    placement: z.string(),
    workers: z.number().int().positive().nullable(),
    lanes: z.array(lane),
    switchIntervalMs: z.number().positive(),
    gilEnabled: z.boolean(),
    usage,
  }),
  z.object({ type: z.literal('lane'), index: count, label }),
  z.object({ type: z.literal('queued-all'), count, at: time }),
  z.object({ type: z.literal('started'), task: count, lane: count, at: time }),
  z.object({
    type: z.literal('finished'),
    task: count,
    lane: count,
    startedAt: time,
    endedAt: time,
    output: z.unknown(),
  }),
  z.object({
    type: z.literal('failed'),
    task: count,
    lane: count,
    startedAt: time,
    endedAt: time,
    error: z.string(),
  }),
  z.object({ type: z.literal('usage'), ...usage.shape }),
  z.object({ type: z.literal('done'), endedAt: time, usage, stats: runStats }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

/** A message from the harness, validated. */
export type HarnessMessage = z.infer<typeof harnessMessageSchema>;

/** The harness's first message: who is answering. */
export type HarnessHello = Extract<HarnessMessage, { type: 'hello' }>;

/** The harness's answer to `start`: the model's pool is up. */
export type HarnessReady = Extract<HarnessMessage, { type: 'ready' }>;

/** The harness's last message of a run. */
export type HarnessDone = Extract<HarnessMessage, { type: 'done' }>;

/** A task event of a run, on the harness's clock. */
export type HarnessTaskMessage = Extract<
  HarnessMessage,
  { type: 'lane' | 'queued-all' | 'started' | 'finished' | 'failed' }
>;

/** What the harness measured of the GIL during one run. */
export type HarnessRunStats = z.infer<typeof runStats>;

/** CPU time and memory of the harness and every process it started, cumulative. */
export type HarnessUsage = z.infer<typeof usage>;

/** Starts a model's pool in the harness. */
export interface StartCommand {
  readonly type: 'start';
  readonly model: PythonModelId;
  /** Pool size (threads, processes) or asyncio's concurrency limit; null is unlimited. */
  readonly workers: number | null;
  readonly switchIntervalMs: number;
  readonly taskTimeoutMs: number | null;
  /** multiprocessing start method for py-processes; the platform's default when absent. */
  readonly startMethod?: 'fork' | 'spawn' | 'forkserver';
  /** Which Python runs the tasks: the lab's models (models.py), or the classic FileProcessor subclasses (file_processor.py). */
  readonly program?: PythonProgram;
}

/** The Python programs the harness runs a model with. */
export type PythonProgram = 'lab' | 'file-processor';

/** Every command the engine may send. */
export type HarnessCommand =
  | { readonly type: 'ping'; readonly id: number }
  | StartCommand
  | { readonly type: 'run'; readonly tasks: readonly TaskSpec[] }
  /** sys.setswitchinterval, applied at once even mid-run; not answered. */
  | { readonly type: 'switch-interval'; readonly ms: number };

/** Parses one line of harness output: the message, or why it is not one. */
export function parseHarnessLine(line: string): { message: HarnessMessage } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: `a line that is not JSON: ${quote(line)}` };
  }
  const parsed = harnessMessageSchema.safeParse(value);
  if (parsed.success) return { message: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.path.length === 1 && issue.path[0] === 'type') {
    const type = (value as { type?: unknown } | null)?.type;
    return { problem: `a message of unknown type ${JSON.stringify(type) ?? 'undefined'}: ${quote(line)}` };
  }
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return {
    problem: `a message the lab does not understand (${where}${issue?.message ?? 'invalid'}): ${quote(line)}`,
  };
}

function quote(line: string): string {
  return JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line);
}
