/** Selectors of the lesson forms: text as typed, inline errors, the request to send, and why Run is disabled. */
import type { RunRequest, Validated } from '../../../shared/run-request';
import type { LabState } from './lab-store';
import { isEngineLessonId, type EngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { ModelId } from '../../../shared/models';
import { formFields, RUN_FORMS, textProblem, type LessonFormId, type RunFormId } from './lessons-slice-forms';
import { engineLessonRequest, runLessonRequest, type EngineLessonRequestOf } from './lessons-slice-requests';
import { selectRunActive } from './run-slice';
import { issueFor } from './setup-request';

/** The cores of this machine, once the catalogue says (1 before). */
export const selectCores = (s: LabState): number => s.catalog.value?.machine.cores ?? 1;

/** Whether a form belongs to an engine lesson. */
export function isEngineLessonForm(form: LessonFormId): form is EngineLessonId {
  return isEngineLessonId(form);
}

/** A field's text as typed. */
export function selectLessonText(s: LabState, form: LessonFormId, field: string): string {
  return s.lessons.text[form][field] ?? formFields(form).find((f) => f.id === field)?.initial ?? '';
}

/** The problem to show under a lesson's field, or null. */
export function selectLessonFieldError(s: LabState, form: LessonFormId, field: string): string | null {
  if (!isEngineLessonForm(form)) {
    const validation = selectRunLessonRequest(s, form);
    return validation.ok ? null : issueFor(validation.issues, field);
  }
  const spec = formFields(form).find((f) => f.id === field);
  return spec ? textProblem(spec.knob, selectLessonText(s, form, field)) : null;
}

const runRequests = new WeakMap<
  object,
  { cores: number; python: string; validation: Validated<RunRequest> }
>();

const NO_MODELS: readonly ModelId[] = [];
const pythonRows = new WeakMap<object, Map<RunFormId, readonly ModelId[]>>();

/** Whether a run lesson's CPython rows can run here, and why not: the first of them that cannot. */
export function selectLessonPythonAvailability(
  s: LabState,
  form: RunFormId,
): { readonly available: boolean; readonly reason: string | null } {
  const wanted = RUN_FORMS[form].pythonModels ?? [];
  if (wanted.length === 0) return { available: false, reason: null };
  const models = s.catalog.value?.models ?? [];
  for (const id of wanted) {
    const availability = models.find((m) => m.id === id)?.availability;
    if (!availability) return { available: false, reason: null };
    if (!availability.available) return { available: false, reason: availability.reason };
  }
  return { available: true, reason: null };
}

/** The CPython rows a run lesson adds now: asked for and able to run; the same array until the catalogue changes. */
export function selectLessonPythonModels(s: LabState, form: RunFormId): readonly ModelId[] {
  if (!s.lessons.withPython || !s.catalog.value) return NO_MODELS;
  let byForm = pythonRows.get(s.catalog.value);
  if (!byForm) pythonRows.set(s.catalog.value, (byForm = new Map()));
  let rows = byForm.get(form);
  if (!rows) {
    rows = selectLessonPythonAvailability(s, form).available
      ? (RUN_FORMS[form].pythonModels ?? NO_MODELS)
      : NO_MODELS;
    byForm.set(form, rows);
  }
  return rows;
}
const engineRequests = new WeakMap<
  object,
  { carrier: string; validation: Validated<EngineLessonRequestOf<EngineLessonId>> }
>();

/** A run lesson's request as typed; the same object until its text, the machine or its CPython rows change. */
export function selectRunLessonRequest(s: LabState, form: RunFormId): Validated<RunRequest> {
  const text = s.lessons.text[form];
  const cores = selectCores(s);
  const python = selectLessonPythonModels(s, form);
  const key = python.join(',');
  const cached = runRequests.get(text);
  if (cached?.cores === cores && cached.python === key) return cached.validation;
  const validation = runLessonRequest(form, text, cores, python);
  runRequests.set(text, { cores, python: key, validation });
  return validation;
}

/** An engine lesson's request as typed (with the pipeline's carrier); the same object until either changes. */
export function selectEngineLessonRequest<L extends EngineLessonId>(
  s: LabState,
  lesson: L,
): Validated<EngineLessonRequestOf<L>> {
  const text = s.lessons.text[lesson];
  const carrier = s.lessons.carrier;
  const cached = engineRequests.get(text);
  // Each form has its own text object: a cached request is always this lesson's.
  if (cached?.carrier === carrier) return cached.validation as Validated<EngineLessonRequestOf<L>>;
  const validation = engineLessonRequest(lesson, text, carrier);
  engineRequests.set(text, { carrier, validation });
  return validation;
}

/** Why a form's Run cannot be pressed now, in words, or null when it can. */
export function selectLessonBlocker(s: LabState, form: LessonFormId): string | null {
  const active = s.lessons.active;
  if (active?.kind === 'engine') return `The ${active.lesson} lesson is running.`;
  if (selectRunActive(s)) return 'A run is in progress.';
  if (s.responsiveness.active) return 'A responsiveness job is running.';
  if (s.connection.state !== 'open') return 'Not connected to the engine.';
  if (isEngineLessonForm(form)) {
    return selectEngineLessonRequest(s, form).ok ? null : 'Fix the fields marked above to run.';
  }
  if (s.catalog.status !== 'loaded') return 'Waiting for the scenario catalogue.';
  return selectRunLessonRequest(s, form).ok ? null : 'Fix the fields marked above to run.';
}
