/**
 * The requests the lesson forms build: a run request for the run lessons, a channel and its request
 * for the engine lessons — each checked by the engine's own validators before it is sent.
 */
import type { InvokeContract } from '../../../shared/ipc';
import { REQUEST_VALIDATORS } from '../../../shared/ipc-schemas';
import type { PipelineCarrier } from '../../../shared/lessons';
import type { RequestIssue, RunRequest, Validated } from '../../../shared/run-request';
import {
  ENGINE_FIELDS,
  payloadSizes,
  RUN_FORMS,
  textProblem,
  type EngineLessonId,
  type RunFormId,
} from './lessons-slice-forms';
import { parseNumberText, validateDraft } from './setup-request';

/** The run request of a run lesson's form, validated exactly as the engine will. */
export function runLessonRequest(
  form: RunFormId,
  text: Readonly<Record<string, string>>,
  cores: number,
): Validated<RunRequest> {
  const { scenario, models, fields, threadsPerCore } = RUN_FORMS[form];
  const knobText: Record<string, string> = {};
  const poolText: Record<string, string> = {};
  for (const f of fields) {
    const [target, key] = f.id.split('.') as [string, string];
    (target === 'params' ? knobText : poolText)[key] = text[f.id] ?? f.initial;
  }
  if (threadsPerCore && (poolText['threads'] ?? '').trim() === '') poolText['threads'] = String(cores);
  return validateDraft({ scenario, knobText, models, poolText });
}

/** An engine lesson's request, with the channel it goes to. */
export type EngineLessonRequest = {
  [L in EngineLessonId]: {
    readonly lesson: L;
    readonly channel: `lesson:${L}`;
    readonly request: InvokeContract[`lesson:${L}`]['request'];
  };
}[EngineLessonId];

function engineRequest(
  lesson: EngineLessonId,
  value: (key: string) => number | undefined,
  carrier: PipelineCarrier,
): EngineLessonRequest {
  const n = (key: string) => value(key)!;
  switch (lesson) {
    case 'race-condition':
      return {
        lesson,
        channel: 'lesson:race-condition',
        request: {
          workers: n('workers'),
          increments: n('increments'),
          switchIntervalMs: n('switchIntervalMs'),
        },
      };
    case 'data-passing':
      return {
        lesson,
        channel: 'lesson:data-passing',
        request: {
          sizes: payloadSizes(n('bytes'), n('sizes')),
          repeats: n('repeats'),
          latencySamples: n('latencySamples'),
        },
      };
    case 'pipeline': {
      const consumers = value('consumers');
      return {
        lesson,
        channel: 'lesson:pipeline',
        request: {
          items: n('items'),
          ratePerSecond: value('ratePerSecond') ?? null,
          capacity: n('capacity'),
          ...(consumers === undefined ? {} : { consumers }),
          carrier,
          roundsPerItem: n('roundsPerItem'),
        },
      };
    }
    case 'deadlock':
      return {
        lesson,
        channel: 'lesson:deadlock',
        request: {
          pauseMs: n('pauseMs'),
          reportAfterMs: n('reportAfterMs'),
          giveUpAfterMs: n('giveUpAfterMs'),
        },
      };
  }
}

/** An engine lesson's request from its form, each field checked against its knob, then by the channel's validator. */
export function engineLessonRequest(
  lesson: EngineLessonId,
  text: Readonly<Record<string, string>>,
  carrier: PipelineCarrier,
): Validated<EngineLessonRequest> {
  const fields = ENGINE_FIELDS[lesson];
  const issues: RequestIssue[] = [];
  for (const f of fields) {
    const problem = textProblem(f.knob, text[f.id] ?? f.initial);
    if (problem) issues.push({ field: f.id, flag: `--${f.knob.flag}`, message: problem });
  }
  if (issues.length > 0) return { ok: false, issues };
  const typed = (key: string) => text[key] ?? fields.find((f) => f.id === key)?.initial ?? '';
  const built = engineRequest(lesson, (key) => parseNumberText(typed(key)), carrier);
  const checked = REQUEST_VALIDATORS[built.channel](built.request);
  return checked.ok ? { ok: true, value: built } : { ok: false, issues: checked.issues };
}
