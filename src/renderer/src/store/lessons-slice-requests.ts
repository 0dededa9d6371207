/**
 * The requests the lesson forms build: a run request for the run lessons, a channel and its request
 * for the engine lessons — each checked by the engine's own validators before it is sent.
 */
import { REQUEST_VALIDATORS } from '../../../shared/ipc-schemas';
import { lessonChannel, type EngineLessonId } from '../../../shared/lessons/lesson-ids';
import type { RequestOf } from '../../../shared/lessons/registry';
import type { ModelId } from '../../../shared/models';
import type { RequestIssue, RunRequest, Validated } from '../../../shared/run-request';
import type { LessonChoices } from '../features/lessons/engine-lesson-form';
import { ENGINE_LESSON_FORMS } from '../features/lessons/engine-lesson-forms';
import { RUN_FORMS, textProblem, type RunFormId } from './lessons-slice-forms';
import { parseNumberText, validateDraft } from './setup-request';

/** The run request of a run lesson's form (with the CPython rows asked for), validated exactly as the engine will. */
export function runLessonRequest(
  form: RunFormId,
  text: Readonly<Record<string, string>>,
  cores: number,
  python: readonly ModelId[] = [],
): Validated<RunRequest> {
  const { scenario, models, fields, threadsPerCore } = RUN_FORMS[form];
  const knobText: Record<string, string> = {};
  const poolText: Record<string, string> = {};
  for (const f of fields) {
    const [target, key] = f.id.split('.') as [string, string];
    (target === 'params' ? knobText : poolText)[key] = text[f.id] ?? f.initial;
  }
  if (threadsPerCore && (poolText['threads'] ?? '').trim() === '') poolText['threads'] = String(cores);
  const validation = validateDraft({ scenario, knobText, models: [...models, ...python], poolText });
  // The run is this lesson's: it is shown in this lesson, and kept in the history as its run.
  return validation.ok ? { ok: true, value: { ...validation.value, origin: form } } : validation;
}

/** One engine lesson's request, with the channel it goes to. */
export interface EngineLessonRequestOf<L extends EngineLessonId> {
  readonly lesson: L;
  readonly channel: `lesson:${L}`;
  readonly request: RequestOf<L>;
}

/** An engine lesson's request from its form, each field checked against its knob, then by the channel's validator. */
export function engineLessonRequest<L extends EngineLessonId>(
  lesson: L,
  text: Readonly<Record<string, string>>,
  carrier: LessonChoices['carrier'],
): Validated<EngineLessonRequestOf<L>> {
  const { fields, request } = ENGINE_LESSON_FORMS[lesson];
  const issues: RequestIssue[] = [];
  for (const f of fields) {
    const problem = textProblem(f.knob, text[f.id] ?? f.initial);
    if (problem) issues.push({ field: f.id, flag: `--${f.knob.flag}`, message: problem });
  }
  if (issues.length > 0) return { ok: false, issues };
  const typed = (key: string) => text[key] ?? fields.find((f) => f.id === key)?.initial ?? '';
  const built: EngineLessonRequestOf<L> = {
    lesson,
    channel: lessonChannel(lesson),
    request: request((key) => parseNumberText(typed(key)), { carrier }),
  };
  const checked = REQUEST_VALIDATORS[built.channel](built.request);
  return checked.ok ? { ok: true, value: built } : { ok: false, issues: checked.issues };
}
