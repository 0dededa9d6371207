/**
 * What a run lesson will run, or ran, in words: its knobs as its form names them and its models —
 * "Tasks 10 · Task time 500 ms · on sequential, async, threads, processes". The lesson's heading says
 * it, so a title never promises what the knobs do not run.
 */
import { formatKnobNumber, type KnobSpec } from '../../../shared/knobs';
import type { RunRequest } from '../../../shared/run-request';
import { scenarioInfo, type ScenarioId } from '../../../shared/scenarios';
import { RUN_FORMS, type RunFormId } from './lessons-slice-forms';

function knobText(knob: KnobSpec, value: number | null | undefined, placeholder?: string): string {
  if (value === null || value === undefined) return placeholder ?? knob.unsetMeans ?? 'default';
  return `${formatKnobNumber(value)}${knob.unit ? ` ${knob.unit}` : ''}`;
}

/** The form's knobs with the values of `request`, then its models. */
export function runLessonSummary(form: RunFormId, request: RunRequest): string {
  const knobs = RUN_FORMS[form].fields.map((field) => {
    const [target, key] = field.id.split('.') as ['params' | 'pool', string];
    const source: Readonly<Record<string, number | null | undefined>> =
      target === 'params' ? request.params : request.pool;
    return `${field.knob.label} ${knobText(field.knob, source[key], field.placeholder)}`;
  });
  return [...knobs, `on ${request.models.join(', ')}`].join(' · ');
}

/** A run's scenario knobs by their labels, as the run's caption says them: "Tasks 8 · Task time 300 ms". */
export function scenarioSettingsText(scenario: ScenarioId, params: Readonly<Record<string, number>>): string {
  return scenarioInfo(scenario)
    .knobs.filter((knob) => params[knob.key] !== undefined)
    .map((knob) => `${knob.label} ${knobText(knob, params[knob.key])}`)
    .join(' · ');
}
