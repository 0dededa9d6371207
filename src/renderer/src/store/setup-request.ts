/**
 * The run setup form as text, turned into a RunRequest and checked by the same validator the engine
 * uses, so the form and the engine always agree on what is allowed and how it is worded.
 */
import type { PoolKnobKey } from '../../../shared/knobs';
import { MODEL_IDS, type ModelId } from '../../../shared/models';
import {
  validateRunRequest,
  type RequestIssue,
  type RunRequest,
  type Validated,
} from '../../../shared/run-request';
import type { ScenarioId } from '../../../shared/scenarios';

/** What the user typed and picked. */
export interface SetupDraft {
  readonly scenario: ScenarioId;
  /** Scenario knobs as typed, by key. */
  readonly knobText: Readonly<Record<string, string>>;
  readonly models: readonly ModelId[];
  /** Pool settings as typed; an empty one means "the default". */
  readonly poolText: Readonly<Partial<Record<PoolKnobKey, string>>>;
}

/**
 * A typed number: digits with optional `_`, `,` or spaces between thousands; empty is undefined.
 * Anything unreadable becomes NaN, which the validator words as "must be …".
 */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const compact = /^[+-]?\d{1,3}([,_ ]\d{3})+(\.\d+)?$/.test(trimmed)
    ? trimmed.replace(/[,_ ]/g, '')
    : trimmed;
  return Number(compact);
}

/** The request the draft describes; an empty scenario knob is sent as NaN so it is reported, not defaulted. */
export function draftRequest(draft: SetupDraft): {
  scenario: ScenarioId;
  params: Record<string, number>;
  models: ModelId[];
  pool: Record<string, number>;
} {
  const params: Record<string, number> = {};
  for (const [key, text] of Object.entries(draft.knobText)) params[key] = parseNumberText(text) ?? Number.NaN;
  const pool: Record<string, number> = {};
  for (const [key, text] of Object.entries(draft.poolText)) {
    const value = parseNumberText(text ?? '');
    if (value !== undefined) pool[key] = value;
  }
  return { scenario: draft.scenario, params, models: [...draft.models], pool };
}

/** Validates the draft exactly as the engine will validate the request. */
export function validateDraft(draft: SetupDraft): Validated<RunRequest> {
  const request = draftRequest(draft);
  const result = validateRunRequest(request);
  if (result.ok || request.models.length > 0) return result;
  // An empty model list stops the validator before it reaches the knobs; check them too, so every
  // field keeps showing its own problem while no model is ticked.
  const knobs = validateRunRequest({ ...request, models: [...MODEL_IDS] });
  return { ok: false, issues: [...result.issues, ...(knobs.ok ? [] : knobs.issues)] };
}

/** Field ids are request paths: `params.tasks`, `pool.threads`, `models`, `scenario`. */
export function knobField(key: string): string {
  return `params.${key}`;
}

/** The field id of a pool setting. */
export function poolField(key: PoolKnobKey): string {
  return `pool.${key}`;
}

/** The first message about a field, if any. */
export function issueFor(issues: readonly RequestIssue[], field: string): string | null {
  return issues.find((issue) => issue.field === field)?.message ?? null;
}
