/** Validators of every invoke channel's request: untrusted input in, a typed request or field-level issues out. */
import { z } from 'zod';
import { type InvokeChannel, type InvokeContract } from './ipc';
import { SERVER_URL_PATTERN } from './cluster';
import { EXPORT_FORMATS } from './export-formats';
import { POOL_KNOBS } from './knobs';
import { knobSchema } from './knob-schema';
import { ENGINE_LESSON_IDS, lessonChannel, type EngineLessonId } from './lessons/lesson-ids';
import { ENGINE_LESSONS, type RequestOf } from './lessons/registry';
import { JOB_KNOBS, type EngineJobPlacement } from './responsiveness';
import { MODEL_IDS, MODELS } from './models';
import { validateRunRequest, type RequestIssue, type Validated } from './run-request';
import { SCENARIO_IDS } from './scenarios';
import {
  TIMELINE_MAX_COLUMNS,
  TIMELINE_TASKS_LIMIT,
  TIMELINE_WINDOW_LANES,
  type TimelineTasksRequest,
  type TimelineWindowRequest,
} from './timeline';

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

/** A file the engine's machine reads (a certificate): a path, not its contents. */
const filePath = z
  .string({ error: 'must be a file path' })
  .min(1, { error: 'must be a file path' })
  .max(4096, { error: 'must be at most 4096 characters' });

const SERVER_URL_PROBLEM = 'must be nats://HOST:PORT or tls://HOST:PORT, with a port from 1 to 65535';

/** Whether a string is a server address the lab connects to. */
function isServerUrl(url: string): boolean {
  const port = Number(SERVER_URL_PATTERN.exec(url)?.[3]);
  return port >= 1 && port <= 65535;
}

/** A NATS user name or password. */
const credential = z
  .string({ error: 'must be text' })
  .min(1, { error: 'must not be empty' })
  .max(256, { error: 'must be at most 256 characters' });

const runIds = z
  .array(runId, { error: 'must be a list of run ids' })
  .min(1, { error: 'must name at least one run' })
  .max(50, { error: 'must name at most 50 runs' });

/** Any id history:list listed: a run damaged on disk may have lost the shape of a UUID, and must still be deletable. */
const listedIds = z
  .array(z.string({ error: 'must be a run id' }).min(1, { error: 'must be a run id' }).max(200), {
    error: 'must be a list of run ids',
  })
  .min(1, { error: 'must name at least one run' })
  .max(50, { error: 'must name at most 50 runs' });

const exportFormat = z.enum(EXPORT_FORMATS, { error: `must be one of: ${EXPORT_FORMATS.join(', ')}` });

/** The CPython models: the only ones with Python source to show. */
const PYTHON_MODEL_IDS = MODEL_IDS.filter((id) => MODELS[id].family.id === 'cpython');
const pythonModel = z.enum(PYTHON_MODEL_IDS as [string, ...string[]], {
  error: `must be one of the Python models: ${PYTHON_MODEL_IDS.join(', ')}`,
});

const noRequest: RequestValidator<null> = (input) =>
  input === null || input === undefined
    ? { ok: true, value: null }
    : {
        ok: false,
        issues: [{ field: 'request', message: 'must be empty (null): this channel takes no request' }],
      };

/** Every engine lesson's channel validates with the lesson's own request schema. */
const LESSON_VALIDATORS = Object.fromEntries(
  ENGINE_LESSON_IDS.map((id) => [lessonChannel(id), fromZod<unknown>(ENGINE_LESSONS[id].request)]),
) as { readonly [L in EngineLessonId as `lesson:${L}`]: RequestValidator<RequestOf<L>> };

const model = z.enum(MODEL_IDS, { error: `must be one of: ${MODEL_IDS.join(', ')}` });

/** A time on a model's timeline, ms since its start: a run of a day at most. */
const timelineMs = z
  .number({ error: 'must be a number of milliseconds' })
  .min(0, { error: 'must be at least 0' })
  .max(86_400_000, { error: 'must be at most 86400000 (a day)' });

const lane = z
  .number({ error: 'must be a lane index' })
  .int({ error: 'must be a whole lane index' })
  .min(0, { error: 'must be at least 0' })
  .max(1_000_000, { error: 'must be at most 1000000' });

const orderedRange = <T extends { readonly fromMs: number; readonly toMs: number }>(range: T): boolean =>
  range.toMs >= range.fromMs;

const timelineTasks: z.ZodType<TimelineTasksRequest> = z
  .strictObject({
    runId,
    model,
    lane: lane.nullable(),
    fromMs: timelineMs,
    toMs: timelineMs,
    limit: z
      .number({ error: `must be a whole number from 1 to ${TIMELINE_TASKS_LIMIT}` })
      .int({ error: `must be a whole number from 1 to ${TIMELINE_TASKS_LIMIT}` })
      .min(1, { error: `must be a whole number from 1 to ${TIMELINE_TASKS_LIMIT}` })
      .max(TIMELINE_TASKS_LIMIT, { error: `must be a whole number from 1 to ${TIMELINE_TASKS_LIMIT}` }),
  })
  .refine(orderedRange, { error: 'must end (toMs) no earlier than it starts (fromMs)', path: ['toMs'] });

const timelineWindow: z.ZodType<TimelineWindowRequest> = z
  .strictObject({
    runId,
    model,
    fromMs: timelineMs,
    toMs: timelineMs,
    columns: z
      .number({ error: `must be a whole number of pixels from 1 to ${TIMELINE_MAX_COLUMNS}` })
      .int({ error: `must be a whole number of pixels from 1 to ${TIMELINE_MAX_COLUMNS}` })
      .min(1, { error: `must be a whole number of pixels from 1 to ${TIMELINE_MAX_COLUMNS}` })
      .max(TIMELINE_MAX_COLUMNS, {
        error: `must be a whole number of pixels from 1 to ${TIMELINE_MAX_COLUMNS}`,
      }),
    lanes: z
      .array(lane, { error: 'must be a list of lane indexes' })
      .min(1, { error: 'must name at least one lane' })
      .max(TIMELINE_WINDOW_LANES, { error: `must name at most ${TIMELINE_WINDOW_LANES} lanes` }),
  })
  .refine(orderedRange, { error: 'must end (toMs) no earlier than it starts (fromMs)', path: ['toMs'] });

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
  'job:plan': fromZod(z.strictObject({ durationMs: knobSchema(JOB_KNOBS.durationMs) })),
  'job:run': fromZod(
    z.strictObject({
      placement: z.enum(ENGINE_PLACEMENTS, { error: `must be one of: ${ENGINE_PLACEMENTS.join(', ')}` }),
      durationMs: knobSchema(JOB_KNOBS.durationMs),
      chunkMs: knobSchema(JOB_KNOBS.chunkMs),
    }),
  ),
  'job:async-trap': fromZod(
    z.strictObject({
      blocking: z.boolean({ error: 'must be true or false' }),
      sleepMs: knobSchema(JOB_KNOBS.sleepMs),
    }),
  ),
  'python:source': fromZod(
    z.strictObject({
      model: pythonModel.transform((id) => id as (typeof PYTHON_MODEL_IDS)[number]),
      scenario: z.enum(SCENARIO_IDS, { error: `must be one of: ${SCENARIO_IDS.join(', ')}` }),
    }),
  ),
  'gil:switch-interval': fromZod(
    z.strictObject({ switchIntervalMs: knobSchema(POOL_KNOBS.switchIntervalMs) }),
  ),
  'history:delete': fromZod(z.strictObject({ runIds: listedIds })),
  'history:compare': fromZod(z.strictObject({ runIds })),
  'history:export': fromZod(z.strictObject({ runIds, format: exportFormat })),
  ...LESSON_VALIDATORS,
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
  'timeline:tasks': fromZod(timelineTasks),
  'timeline:window': fromZod(timelineWindow),
  'cluster:state': noRequest,
  'cluster:stop': noRequest,
  'cluster:start': fromZod(
    z.strictObject({
      host: z
        .string({ error: 'must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0' })
        .regex(/^(\[?[0-9A-Fa-f:.]+\]?|[A-Za-z0-9.-]+)$/, {
          error: 'must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0',
        })
        .max(253, { error: 'must be at most 253 characters' }),
      port: z
        .number({ error: 'must be an integer from 0 to 65535 (0: any free port)' })
        .int({ error: 'must be an integer from 0 to 65535 (0: any free port)' })
        .min(0, { error: 'must be an integer from 0 to 65535 (0: any free port)' })
        .max(65535, { error: 'must be an integer from 0 to 65535 (0: any free port)' }),
      tls: z.strictObject({ certFile: filePath, keyFile: filePath }).optional(),
    }),
  ),
  'cluster:connect': fromZod(
    z
      .strictObject({
        url: z.string({ error: SERVER_URL_PROBLEM }).refine(isServerUrl, { error: SERVER_URL_PROBLEM }),
        user: credential.optional(),
        password: credential.optional(),
        tlsCaFile: filePath.optional(),
      })
      .refine((request) => (request.user === undefined) === (request.password === undefined), {
        error: 'user and password go together',
        path: ['password'],
      }),
  ),
};
