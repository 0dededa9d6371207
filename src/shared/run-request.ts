/** RunRequest: what the UI or CLI asks the engine to run, its schema, and its validation messages. */
import { z } from 'zod';
import { knobProblem, POOL_KNOBS, type KnobSpec } from './knobs';
import { DEFAULT_MODEL_IDS, MODEL_IDS, type ModelId } from './models';
import type { PoolOptions } from './pool';
import { RUN_ORIGINS, type RunOrigin } from './run-origin';
import { SCENARIO_IDS, scenarioInfo, type ScenarioId } from './scenarios';

/** One run: a scenario, its knobs, and the models to race on the same tasks. */
export interface RunRequest {
  readonly scenario: ScenarioId;
  /** Scenario knobs by key (see the scenario's `knobs`); missing ones take their defaults. */
  readonly params: Readonly<Record<string, number>>;
  /** Models to run, one after another, each with the whole machine. */
  readonly models: readonly ModelId[];
  readonly pool: PoolOptions;
  /** The view that asked for it (kept with the run); a run from the CLI or an older client has none. */
  readonly origin?: RunOrigin;
}

/** A problem with one field of a request, worded for whoever sent it. */
export interface RequestIssue {
  /** Dotted path in the request, e.g. `params.tasks`. */
  readonly field: string;
  /** The CLI flag for the same setting, when there is one, e.g. `--tasks`. */
  readonly flag?: string;
  /** What is wrong and what is allowed, without the field name: "must be an integer from 1 to 100". */
  readonly message: string;
}

/** The result of validating untrusted input. */
export type Validated<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly RequestIssue[] };

const modelList = MODEL_IDS.join(', ');
const scenarioList = SCENARIO_IDS.join(', ');

/** Structural schema; knob ranges are checked against the catalogue afterwards, with the range in the message. */
const runRequestSchema = z.strictObject({
  scenario: z.enum(SCENARIO_IDS, { error: `must be one of: ${scenarioList}` }),
  params: z.record(z.string(), z.unknown(), { error: 'must be an object of knob values' }).default({}),
  models: z
    .array(z.enum(MODEL_IDS, { error: `must be one of: ${modelList}` }), {
      error: `must be a list of models (${modelList})`,
    })
    .min(1, { error: `must name at least one model (${modelList})` })
    .max(MODEL_IDS.length)
    .refine((models) => new Set(models).size === models.length, { error: 'must not name a model twice' })
    .default([...DEFAULT_MODEL_IDS]),
  pool: z.record(z.string(), z.unknown(), { error: 'must be an object of pool settings' }).default({}),
  origin: z.enum(RUN_ORIGINS, { error: `must be one of: ${RUN_ORIGINS.join(', ')}` }).optional(),
});

/**
 * The record parser drops an own `__proto__` key without a word (the run would start on defaults),
 * so it is refused before parsing. `constructor` and the like reach the knob checks and are refused there.
 */
const RESERVED_KEYS: readonly string[] = ['__proto__'];

/** An issue for every reserved key among the own keys of `params` and `pool`. */
function reservedKeyIssues(input: unknown): RequestIssue[] {
  if (typeof input !== 'object' || input === null) return [];
  const issues: RequestIssue[] = [];
  for (const field of ['params', 'pool'] as const) {
    const value: unknown = Object.hasOwn(input, field)
      ? (input as Record<string, unknown>)[field]
      : undefined;
    if (typeof value !== 'object' || value === null) continue;
    for (const key of RESERVED_KEYS) {
      if (Object.hasOwn(value, key))
        issues.push({
          field: `${field}.${key}`,
          message: `is a reserved name, not a ${field === 'params' ? 'knob' : 'pool setting'}`,
        });
    }
  }
  return issues;
}

function knobIssue(field: string, knob: KnobSpec, problem: string): RequestIssue {
  return { field, flag: `--${knob.flag}`, message: problem };
}

/** Validates untrusted input (IPC payload, WebSocket message, parsed CLI flags) into a RunRequest. */
export function validateRunRequest(input: unknown): Validated<RunRequest> {
  const reserved = reservedKeyIssues(input);
  if (reserved.length > 0) return { ok: false, issues: reserved };
  const parsed = runRequestSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => {
        const field = issue.path.map(String).join('.') || 'request';
        const message =
          issue.code === 'unrecognized_keys'
            ? `has unknown field(s): ${issue.keys.join(', ')} (allowed: scenario, params, models, pool, origin)`
            : issue.message;
        return { field, message };
      }),
    };
  }
  const { scenario, params, models, pool, origin } = parsed.data;
  const issues: RequestIssue[] = [];
  const knobs = scenarioInfo(scenario).knobs;
  const cleanParams: Record<string, number> = {};
  for (const [key, value] of Object.entries(params)) {
    const knob = knobs.find((k) => k.key === key);
    if (!knob) {
      issues.push({
        field: `params.${key}`,
        message: `does not apply to scenario ${scenario} (its knobs: ${knobs.map((k) => k.key).join(', ')})`,
      });
      continue;
    }
    const problem = knobProblem(knob, value);
    if (problem) issues.push(knobIssue(`params.${key}`, knob, problem));
    else cleanParams[key] = value as number;
  }
  const cleanPool: Record<string, number> = {};
  for (const [key, value] of Object.entries(pool)) {
    // Own keys only: `constructor` or `toString` must not pass for pool settings.
    const knob = Object.hasOwn(POOL_KNOBS, key) ? (POOL_KNOBS as Record<string, KnobSpec>)[key] : undefined;
    if (!knob) {
      issues.push({
        field: `pool.${key}`,
        message: `is not a pool setting (allowed: ${Object.keys(POOL_KNOBS).join(', ')})`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = knobProblem(knob, value);
    if (problem) issues.push(knobIssue(`pool.${key}`, knob, problem));
    else cleanPool[key] = value as number;
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: { scenario, params: cleanParams, models, pool: cleanPool, ...(origin ? { origin } : {}) },
  };
}

/** One line per issue, naming the flag (CLI) or the field (IPC, WebSocket). */
export function formatIssue(issue: RequestIssue, style: 'flag' | 'field'): string {
  const name = style === 'flag' && issue.flag ? issue.flag : issue.field;
  return `${name} ${issue.message}`;
}

/** The scenario's knobs with every default filled in, as the engine runs them. */
export function resolveParams(
  scenario: ScenarioId,
  params: Readonly<Record<string, number>>,
): Record<string, number> {
  const resolved: Record<string, number> = {};
  for (const knob of scenarioInfo(scenario).knobs) {
    const value = params[knob.key] ?? knob.default;
    if (value === null) throw new Error(`scenario knob ${knob.key} has no default`);
    resolved[knob.key] = value;
  }
  return resolved;
}
