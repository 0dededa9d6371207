/**
 * The lessons' forms: the run lessons' knobs with their workshop defaults (each engine lesson's form
 * is in its own folder, features/lessons/<id>/), every form's fields, and how a knob's text is
 * checked — with the engine's own ranges and wording.
 */
import { describeRange, knobProblem, POOL_KNOBS, type KnobSpec } from '../../../shared/knobs';
import { ENGINE_LESSON_IDS, isEngineLessonId, type EngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { LessonId } from '../../../shared/lessons/workshop';
import type { ModelId } from '../../../shared/models';
import { scenarioInfo, type ScenarioId } from '../../../shared/scenarios';
import { ENGINE_LESSON_FORMS } from '../features/lessons/engine-lesson-forms';
import { withNote, type LessonField } from '../features/lessons/lesson-field';
import { parseNumberText } from './setup-request';

/** The "10 files" lesson's two variants: waiting or computing. */
export type TenFilesVariant = 'io' | 'cpu';

/** A run lesson's form: the "10 files" lesson has one per variant. */
export type RunFormId = 'ten-files-io' | 'ten-files-cpu' | 'http-requests' | 'image-batch';

/** A form of a lesson: its knobs as typed are kept per form. */
export type LessonFormId = RunFormId | EngineLessonId;

/** A run lesson's scenario, models and knobs. */
export interface RunForm {
  readonly scenario: ScenarioId;
  readonly models: readonly ModelId[];
  readonly fields: readonly LessonField[];
  /** An empty Threads field means one thread per core, not the ThreadPoolExecutor default. */
  readonly threadsPerCore?: boolean;
  /** The real-CPython rows the lesson offers beside its models, where an interpreter is found. */
  readonly pythonModels?: readonly ModelId[];
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

/** The models the "10 files" and HTTP lessons race, in the order they run. */
export const CLASSIC_MODELS: readonly ModelId[] = ['sequential', 'async', 'threads', 'processes'];

/** The classic models' CPython counterparts, in the same order: what "add real CPython rows" adds. */
export const CLASSIC_PYTHON_MODELS: readonly ModelId[] = [
  'py-sequential',
  'py-asyncio',
  'py-threads',
  'py-processes',
];

/** Every run lesson's form; defaults are small so a lesson runs in seconds in a workshop. */
export const RUN_FORMS: Readonly<Record<RunFormId, RunForm>> = {
  'ten-files-io': {
    scenario: 'io-sleep',
    models: CLASSIC_MODELS,
    pythonModels: CLASSIC_PYTHON_MODELS,
    fields: [
      param('io-sleep', 'tasks', '10'),
      param('io-sleep', 'taskMs', '500', 'classic 2000 (10 files × 2 s)'),
    ],
  },
  'ten-files-cpu': {
    scenario: 'cpu-wordcount',
    models: CLASSIC_MODELS,
    pythonModels: CLASSIC_PYTHON_MODELS,
    fields: [param('cpu-wordcount', 'tasks', '10'), param('cpu-wordcount', 'taskMs', '300', 'classic 2000')],
  },
  'http-requests': {
    scenario: 'http-requests',
    models: CLASSIC_MODELS,
    pythonModels: CLASSIC_PYTHON_MODELS,
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

/** The fields of a form. */
export function formFields(form: LessonFormId): readonly LessonField[] {
  return isEngineLessonId(form) ? ENGINE_LESSON_FORMS[form].fields : RUN_FORMS[form].fields;
}

/** Every form's fields at their lesson defaults. */
export function initialFormText(): Record<LessonFormId, Record<string, string>> {
  const forms: readonly LessonFormId[] = [...(Object.keys(RUN_FORMS) as RunFormId[]), ...ENGINE_LESSON_IDS];
  return Object.fromEntries(
    forms.map((form) => [form, Object.fromEntries(formFields(form).map((f) => [f.id, f.initial]))]),
  ) as Record<LessonFormId, Record<string, string>>;
}

/** The form a lesson shows now (the "10 files" lesson: its variant's), or null for the guide. */
export function formOf(lesson: LessonId, variant: TenFilesVariant): LessonFormId | null {
  if (lesson === 'ten-files') return variant === 'io' ? 'ten-files-io' : 'ten-files-cpu';
  return lesson === 'which-model' ? null : lesson;
}

/** A knob's problem as typed: empty is allowed only where the engine has a meaning for "unset". */
export function textProblem(knob: KnobSpec, text: string): string | null {
  const value = parseNumberText(text);
  if (value === undefined) return knob.default === null ? null : `must be ${describeRange(knob)}`;
  return knobProblem(knob, value);
}
