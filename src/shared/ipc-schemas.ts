/** Validators of every invoke channel's request: untrusted input in, a typed request or field-level issues out. */
import { z } from 'zod';
import { type InvokeChannel, type InvokeContract } from './ipc';
import { EXPORT_FORMATS } from './export-formats';
import { describeRange, knobProblem, POOL_KNOBS, type KnobSpec } from './knobs';
import {
  DATA_PASSING_KNOBS,
  DEADLOCK_KNOBS,
  DEADLOCK_STRATEGIES,
  PIPELINE_KNOBS,
  RACE_KNOBS,
  RACE_MODES,
} from './lessons';
import { JOB_KNOBS, type EngineJobPlacement } from './responsiveness';
import { validateRunRequest, type RequestIssue, type Validated } from './run-request';

/** Validates the request of one channel. */
export type RequestValidator<T> = (input: unknown) => Validated<T>;

function fromZod<T>(schema: z.ZodType<T>): RequestValidator<T> {
  return (input) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { ok: true, value: parsed.data };
    const issues: RequestIssue[] = parsed.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || 'request',
      message:
        issue.code === 'unrecognized_keys' ? `has unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    }));
    return { ok: false, issues };
  };
}

const runId = z.uuid({ error: 'must be a run id (a UUID, as run:start returned it)' });

/** A number field checked against a knob, with the knob's own wording of its range. */
function knob(spec: KnobSpec): z.ZodType<number> {
  return z
    .number({ error: `must be ${describeRange(spec)}` })
    .refine((value) => knobProblem(spec, value) === null, {
      error: `must be ${describeRange(spec)}`,
    });
}

const ENGINE_PLACEMENTS = [
  'main-thread',
  'main-thread-chunked',
  'worker-thread',
  'process',
] as const satisfies readonly EngineJobPlacement[];

/** A view, lesson or form id as the UI spells them: lower-case words joined by dashes. */
const screenId = z
  .string({ error: 'must be an id of lower-case letters, digits and dashes' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be an id of lower-case letters, digits and dashes' })
  .max(40, { error: 'must be at most 40 characters' });

const runIds = z
  .array(runId, { error: 'must be a list of run ids' })
  .min(1, { error: 'must name at least one run' })
  .max(50, { error: 'must name at most 50 runs' });

const exportFormat = z.enum(EXPORT_FORMATS, { error: `must be one of: ${EXPORT_FORMATS.join(', ')}` });

const noRequest: RequestValidator<null> = (input) =>
  input === null || input === undefined
    ? { ok: true, value: null }
    : {
        ok: false,
        issues: [{ field: 'request', message: 'must be empty (null): this channel takes no request' }],
      };

/** The validator of every channel; a channel without one fails to compile. */
export const REQUEST_VALIDATORS: {
  readonly [C in InvokeChannel]: RequestValidator<InvokeContract[C]['request']>;
} = {
  'lab:catalog': noRequest,
  'run:start': validateRunRequest,
  'run:cancel': fromZod(z.strictObject({ runId })),
  'run:export': fromZod(
    z.strictObject({
      runId,
      format: z.enum(EXPORT_FORMATS, { error: `must be one of: ${EXPORT_FORMATS.join(', ')}` }),
    }),
  ),
  'history:list': noRequest,
  'history:open': fromZod(z.strictObject({ runId })),
  'history:open-lesson': fromZod(z.strictObject({ runId })),
  'job:plan': fromZod(z.strictObject({ durationMs: knob(JOB_KNOBS.durationMs) })),
  'job:run': fromZod(
    z.strictObject({
      placement: z.enum(ENGINE_PLACEMENTS, { error: `must be one of: ${ENGINE_PLACEMENTS.join(', ')}` }),
      durationMs: knob(JOB_KNOBS.durationMs),
      chunkMs: knob(JOB_KNOBS.chunkMs),
    }),
  ),
  'job:async-trap': fromZod(
    z.strictObject({
      blocking: z.boolean({ error: 'must be true or false' }),
      sleepMs: knob(JOB_KNOBS.sleepMs),
    }),
  ),
  'gil:switch-interval': fromZod(z.strictObject({ switchIntervalMs: knob(POOL_KNOBS.switchIntervalMs) })),
  'history:delete': fromZod(z.strictObject({ runIds })),
  'history:compare': fromZod(z.strictObject({ runIds })),
  'history:export': fromZod(z.strictObject({ runIds, format: exportFormat })),
  'lesson:race-condition': fromZod(
    z.strictObject({
      workers: knob(RACE_KNOBS.workers),
      increments: knob(RACE_KNOBS.increments),
      modes: z
        .array(z.enum(RACE_MODES, { error: `must be one of: ${RACE_MODES.join(', ')}` }))
        .min(1)
        .max(3)
        .optional(),
      gilThreads: z.boolean({ error: 'must be true or false' }).optional(),
      switchIntervalMs: knob(RACE_KNOBS.switchIntervalMs).optional(),
    }),
  ),
  'lesson:data-passing': fromZod(
    z.strictObject({
      sizes: z
        .array(knob(DATA_PASSING_KNOBS.bytes))
        .min(DATA_PASSING_KNOBS.sizes.min, {
          error: `must list ${describeRange(DATA_PASSING_KNOBS.sizes)} sizes`,
        })
        .max(DATA_PASSING_KNOBS.sizes.max, {
          error: `must list ${describeRange(DATA_PASSING_KNOBS.sizes)} sizes`,
        })
        .optional(),
      repeats: knob(DATA_PASSING_KNOBS.repeats).optional(),
      latencySamples: knob(DATA_PASSING_KNOBS.latencySamples).optional(),
    }),
  ),
  'lesson:pipeline': fromZod(
    z.strictObject({
      items: knob(PIPELINE_KNOBS.items),
      ratePerSecond: knob(PIPELINE_KNOBS.ratePerSecond).nullable().optional(),
      capacity: knob(PIPELINE_KNOBS.capacity).optional(),
      consumers: knob(PIPELINE_KNOBS.consumers).optional(),
      carrier: z.enum(['threads', 'processes'], { error: 'must be threads or processes' }).optional(),
      roundsPerItem: knob(PIPELINE_KNOBS.roundsPerItem).optional(),
    }),
  ),
  'lesson:deadlock': fromZod(
    z.strictObject({
      pauseMs: knob(DEADLOCK_KNOBS.pauseMs).optional(),
      reportAfterMs: knob(DEADLOCK_KNOBS.reportAfterMs).optional(),
      giveUpAfterMs: knob(DEADLOCK_KNOBS.giveUpAfterMs).optional(),
      strategies: z
        .array(z.enum(DEADLOCK_STRATEGIES, { error: `must be one of: ${DEADLOCK_STRATEGIES.join(', ')}` }))
        .min(1)
        .max(2)
        .optional(),
    }),
  ),
  'lesson:cancel': noRequest,
  'room:state': noRequest,
  'room:screen': fromZod(
    z.strictObject({
      view: screenId,
      lesson: screenId,
      run: runId.nullable(),
      runForm: screenId.nullable(),
      lessonRun: runId.nullable(),
    }),
  ),
};
