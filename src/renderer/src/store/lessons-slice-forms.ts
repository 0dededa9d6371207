/**
 * The lessons' forms: the lessons, the knobs each offers with its workshop defaults, and how a knob's
 * text is checked — with the engine's own ranges and wording.
 */
import { describeRange, knobProblem, POOL_KNOBS, type KnobSpec } from '../../../shared/knobs';
import { DATA_PASSING_KNOBS, DEADLOCK_KNOBS, PIPELINE_KNOBS, RACE_KNOBS } from '../../../shared/lessons';
import type { ModelId } from '../../../shared/models';
import { scenarioInfo, type ScenarioId } from '../../../shared/scenarios';
import { parseNumberText } from './setup-request';

/** Every lesson, in the order the lessons list shows them. */
export const LESSON_IDS = [
  'ten-files',
  'http-requests',
  'image-batch',
  'race-condition',
  'data-passing',
  'pipeline',
  'deadlock',
  'which-model',
] as const;

/** One of the lessons. */
export type LessonId = (typeof LESSON_IDS)[number];

/** Lessons that race the models through the run machinery (run:start). */
export type RunLessonId = 'ten-files' | 'http-requests' | 'image-batch';

/** Lessons the engine runs on their own channel (lesson:*). */
export type EngineLessonId = 'race-condition' | 'data-passing' | 'pipeline' | 'deadlock';

/** The "10 files" lesson's two variants: waiting or computing. */
export type TenFilesVariant = 'io' | 'cpu';

/** A run lesson's form: the "10 files" lesson has one per variant. */
export type RunFormId = 'ten-files-io' | 'ten-files-cpu' | 'http-requests' | 'image-batch';

/** A form of a lesson: its knobs as typed are kept per form. */
export type LessonFormId = RunFormId | EngineLessonId;

/** Whether a value names a lesson. */
export function isLessonId(value: unknown): value is LessonId {
  return typeof value === 'string' && (LESSON_IDS as readonly string[]).includes(value);
}

/** Whether a lesson runs on its own engine channel. */
export function isEngineLesson(id: LessonId): id is EngineLessonId {
  return id === 'race-condition' || id === 'data-passing' || id === 'pipeline' || id === 'deadlock';
}

/** One knob of a form: its field id (a request path for run forms), its spec and the lesson's default text. */
export interface LessonField {
  /** `params.tasks` / `pool.concurrency` in run forms (the validator's field ids), the knob key otherwise. */
  readonly id: string;
  readonly knob: KnobSpec;
  /** What the field starts with; empty means the engine's default (knobs whose default is null). */
  readonly initial: string;
  /** Words after the range: the classic value, what empty means. */
  readonly note?: string;
  /** What an empty field shows, when the lesson means something else by empty than the engine. */
  readonly placeholder?: string;
}

/** A run lesson's scenario, models and knobs. */
export interface RunForm {
  readonly scenario: ScenarioId;
  readonly models: readonly ModelId[];
  readonly fields: readonly LessonField[];
  /** An empty Threads field means one thread per core, not the ThreadPoolExecutor default. */
  readonly threadsPerCore?: boolean;
}

function withNote(knob: KnobSpec, note: string | undefined): { note?: string } {
  const text = note ?? (knob.default === null && knob.unsetMeans ? `empty: ${knob.unsetMeans}` : undefined);
  return text === undefined ? {} : { note: text };
}

function param(scenario: ScenarioId, key: string, initial: string, note?: string): LessonField {
  const knob = scenarioInfo(scenario).knobs.find((k) => k.key === key);
  if (!knob) throw new Error(`scenario ${scenario} has no knob ${key}`);
  return { id: `params.${key}`, knob, initial, ...withNote(knob, note) };
}

function pool(key: keyof typeof POOL_KNOBS, initial: string, note?: string): LessonField {
  const knob = POOL_KNOBS[key];
  return { id: `pool.${key}`, knob, initial, ...withNote(knob, note) };
}

function field(knob: KnobSpec, initial: string, note?: string): LessonField {
  return { id: knob.key, knob, initial, ...withNote(knob, note) };
}

/** The models the "10 files" and HTTP lessons race, in the order they run. */
export const CLASSIC_MODELS: readonly ModelId[] = ['sequential', 'async', 'threads', 'processes'];

/** Every run lesson's form; defaults are small so a lesson runs in seconds in a workshop. */
export const RUN_FORMS: Readonly<Record<RunFormId, RunForm>> = {
  'ten-files-io': {
    scenario: 'io-sleep',
    models: CLASSIC_MODELS,
    fields: [
      param('io-sleep', 'tasks', '10'),
      param('io-sleep', 'taskMs', '500', 'classic 2000 (10 files × 2 s)'),
    ],
  },
  'ten-files-cpu': {
    scenario: 'cpu-wordcount',
    models: CLASSIC_MODELS,
    fields: [param('cpu-wordcount', 'tasks', '10'), param('cpu-wordcount', 'taskMs', '300', 'classic 2000')],
  },
  'http-requests': {
    scenario: 'http-requests',
    models: CLASSIC_MODELS,
    fields: [
      param('http-requests', 'tasks', '200', 'classic 1000'),
      param('http-requests', 'latencyMs', '20'),
      pool('concurrency', '20', 'empty: unlimited'),
    ],
  },
  'image-batch': {
    scenario: 'image-batch',
    models: ['sequential', 'gil-threads', 'threads', 'processes'],
    fields: [
      param('image-batch', 'tasks', '32'),
      param('image-batch', 'imageSize', '512'),
      param('image-batch', 'blurRadius', '4'),
      { ...pool('threads', '', 'empty: one per core'), placeholder: 'one per core' },
    ],
    threadsPerCore: true,
  },
};

const MB = 1024 * 1024;

/** Every engine lesson's knobs and workshop defaults. */
export const ENGINE_FIELDS: Readonly<Record<EngineLessonId, readonly LessonField[]>> = {
  'race-condition': [
    field(RACE_KNOBS.workers, '4'),
    field(RACE_KNOBS.increments, '1000000'),
    field(RACE_KNOBS.switchIntervalMs, '5'),
  ],
  'data-passing': [
    field(DATA_PASSING_KNOBS.bytes, String(16 * MB)),
    field(DATA_PASSING_KNOBS.sizes, '5'),
    field(DATA_PASSING_KNOBS.repeats, '3'),
    field(DATA_PASSING_KNOBS.latencySamples, '200'),
  ],
  pipeline: [
    field(PIPELINE_KNOBS.items, '4000'),
    { ...field(PIPELINE_KNOBS.ratePerSecond, ''), placeholder: 'unlimited' },
    field(PIPELINE_KNOBS.capacity, '8'),
    field(PIPELINE_KNOBS.consumers, ''),
    field(PIPELINE_KNOBS.roundsPerItem, '100000'),
  ],
  deadlock: [
    field(DEADLOCK_KNOBS.pauseMs, '50'),
    field(DEADLOCK_KNOBS.reportAfterMs, '200'),
    field(DEADLOCK_KNOBS.giveUpAfterMs, '5000'),
  ],
};

/** The fields of a form. */
export function formFields(form: LessonFormId): readonly LessonField[] {
  return form in RUN_FORMS ? RUN_FORMS[form as RunFormId].fields : ENGINE_FIELDS[form as EngineLessonId];
}

/** Every form's fields at their lesson defaults. */
export function initialFormText(): Record<LessonFormId, Record<string, string>> {
  const forms = [
    ...(Object.keys(RUN_FORMS) as RunFormId[]),
    ...(Object.keys(ENGINE_FIELDS) as EngineLessonId[]),
  ];
  return Object.fromEntries(
    forms.map((form) => [form, Object.fromEntries(formFields(form).map((f) => [f.id, f.initial]))]),
  ) as Record<LessonFormId, Record<string, string>>;
}

/** The form a lesson shows now (the "10 files" lesson: its variant's), or null for the guide. */
export function formOf(lesson: LessonId, variant: TenFilesVariant): LessonFormId | null {
  if (lesson === 'ten-files') return variant === 'io' ? 'ten-files-io' : 'ten-files-cpu';
  return lesson === 'which-model' ? null : lesson;
}

/** The payload sizes measured: `count` sizes ending at `largest`, each a quarter of the next, none below the knob's minimum. */
export function payloadSizes(largest: number, count: number): number[] {
  const sizes: number[] = [];
  for (let i = 0, bytes = largest; i < count && bytes >= DATA_PASSING_KNOBS.bytes.min; i++, bytes /= 4)
    sizes.unshift(Math.round(bytes));
  return sizes;
}

/** A knob's problem as typed: empty is allowed only where the engine has a meaning for "unset". */
export function textProblem(knob: KnobSpec, text: string): string | null {
  const value = parseNumberText(text);
  if (value === undefined) return knob.default === null ? null : `must be ${describeRange(knob)}`;
  return knobProblem(knob, value);
}
