/** Parses `concurrency-lab run` flags into a validated RunRequest and output options. */
import { POOL_KNOBS, describeRange, type KnobSpec } from '../../shared/knobs';
import { DEFAULT_MODEL_IDS, MODEL_IDS, isModelId, type ModelId } from '../../shared/models';
import { formatIssue, validateRunRequest, type RunRequest } from '../../shared/run-request';
import { SCENARIOS, SCENARIO_IDS, isScenarioId } from '../../shared/scenarios';
import { REPORT_FORMATS, type ReportFormat } from '../engine/reporters';
import type { DistributedSettings } from '../engine/models/distributed/distributed-model';
import {
  anyServerFlag,
  connectionFromFlags,
  SERVER_FLAG_OPTIONS,
  type ServerFlagValues,
} from './server-flags';
import { parseFlags, quoted, type FlagSpec } from './cli-flags';
import { UsageError } from './usage-error';

/** Where the results log goes when --log is not given. */
export const DEFAULT_LOG_PATH = 'logs/concurrency_results.log';

/** Everything `run` needs. */
export interface RunCommand {
  readonly request: RunRequest;
  readonly format: ReportFormat;
  readonly out: string | null;
  readonly trace: string | null;
  readonly log: string;
  /** --python PATH: the interpreter the Python models use; null leaves it to CONCURRENCY_LAB_PYTHON or PATH. */
  readonly python: string | null;
  readonly help: boolean;
  /** The distributed model's broker: a setting of this command, never part of the request (credentials). */
  readonly distributed: DistributedSettings;
}

/** Every knob flag across scenarios and pool settings, by flag name. */
function allKnobs(): Map<string, KnobSpec[]> {
  const byFlag = new Map<string, KnobSpec[]>();
  for (const knob of [...SCENARIOS.flatMap((s) => s.knobs), ...Object.values(POOL_KNOBS)]) {
    byFlag.set(knob.flag, [...(byFlag.get(knob.flag) ?? []), knob]);
  }
  return byFlag;
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** A flag's value as a number, or a UsageError naming the flag and its range. */
function parseKnobValue(flag: string, raw: string, knob: KnobSpec): number {
  const value = NUMBER.test(raw.trim()) ? Number(raw) : NaN;
  if (
    !Number.isFinite(value) ||
    (knob.integer && !Number.isInteger(value)) ||
    value < knob.min ||
    value > knob.max
  ) {
    throw new UsageError(`--${flag} must be ${describeRange(knob)} (got ${quoted(raw)})`);
  }
  return value;
}

function parseModels(raw: string): ModelId[] {
  const names = raw.split(',').map((name) => name.trim());
  if (names.some((name) => name === ''))
    throw new UsageError(
      `--models must be a comma-separated list of: ${MODEL_IDS.join(', ')} (got ${quoted(raw)})`,
    );
  for (const name of names) {
    if (!isModelId(name))
      throw new UsageError(`--models: unknown model ${quoted(name)} (allowed: ${MODEL_IDS.join(', ')})`);
  }
  if (new Set(names).size !== names.length)
    throw new UsageError(`--models names a model twice (got ${quoted(raw)})`);
  return names as ModelId[];
}

/** Turns `run` arguments into a command, or throws a UsageError with one line to print. */
export function parseRunArgs(args: readonly string[]): RunCommand {
  const knobs = allKnobs();
  const flags: Record<string, FlagSpec> = {
    scenario: { type: 'string', short: 's' },
    models: { type: 'string', short: 'm' },
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    trace: { type: 'string' },
    log: { type: 'string' },
    python: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...SERVER_FLAG_OPTIONS,
    'nats-server': { type: 'string' },
  };
  for (const [flag, specs] of knobs)
    flags[flag] = { type: 'string', numeric: true, hint: describeRange(specs[0]!) };
  const values = parseFlags(args, flags, 'run');
  const help = values.help === true;
  const emptyRequest: RunRequest = {
    scenario: 'io-sleep',
    params: {},
    models: [...DEFAULT_MODEL_IDS],
    pool: {},
  };
  if (help)
    return {
      request: emptyRequest,
      format: 'table',
      out: null,
      trace: null,
      log: DEFAULT_LOG_PATH,
      python: null,
      help,
      distributed: { server: null },
    };

  const scenario = values.scenario;
  if (typeof scenario !== 'string')
    throw new UsageError(`--scenario is required (one of: ${SCENARIO_IDS.join(', ')})`);
  if (!isScenarioId(scenario))
    throw new UsageError(
      `--scenario: unknown scenario ${quoted(scenario)} (allowed: ${SCENARIO_IDS.join(', ')})`,
    );
  const info = SCENARIOS.find((s) => s.id === scenario)!;

  const params: Record<string, number> = {};
  const pool: Record<string, number> = {};
  for (const [flag, specs] of knobs) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const poolKnob = Object.values(POOL_KNOBS).find((k) => k.flag === flag);
    if (poolKnob) {
      pool[poolKnob.key] = parseKnobValue(flag, raw, poolKnob);
      continue;
    }
    const knob = info.knobs.find((k) => k.flag === flag);
    if (!knob) {
      const owners = SCENARIOS.filter((s) => s.knobs.some((k) => specs.includes(k))).map((s) => s.id);
      throw new UsageError(
        `--${flag} does not apply to scenario ${scenario} (its knobs: ${info.knobs.map((k) => `--${k.flag}`).join(', ')}; --${flag} is for ${owners.join(', ')})`,
      );
    }
    params[knob.key] = parseKnobValue(flag, raw, knob);
  }

  const models = typeof values.models === 'string' ? parseModels(values.models) : [...DEFAULT_MODEL_IDS];
  const format = values.format ?? 'table';
  if (typeof format !== 'string' || !(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `--format must be one of: ${REPORT_FORMATS.join(', ')} (got ${quoted(String(format))})`,
    );
  }
  const path = (name: 'out' | 'trace' | 'log' | 'python'): string | null => {
    const value = values[name];
    if (value === undefined) return null;
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} needs a file path`);
    return value;
  };

  const distributed = distributedFlags(values, models);

  // The CLI checked flags itself for better wording; the shared schema is still the one gate.
  const validated = validateRunRequest({ scenario, params, models, pool });
  if (!validated.ok) throw new UsageError(formatIssue(validated.issues[0]!, 'flag'));
  return {
    request: validated.value,
    format: format as ReportFormat,
    out: path('out'),
    trace: path('trace'),
    log: path('log') ?? DEFAULT_LOG_PATH,
    python: path('python'),
    help,
    distributed,
  };
}

/** The distributed model's broker flags, checked; refused when the distributed model is not in the race. */
function distributedFlags(
  values: Record<string, string | boolean | undefined>,
  models: readonly ModelId[],
): DistributedSettings {
  const natsServer = values['nats-server'];
  if (
    (anyServerFlag(values as ServerFlagValues) || typeof natsServer === 'string') &&
    !models.includes('distributed')
  ) {
    const flag = ['server', 'user', 'password', 'creds', 'tls-ca', 'nats-server'].find(
      (name) => typeof values[name] === 'string',
    );
    throw new UsageError(`--${flag} is a setting of the distributed model: add distributed to --models`);
  }
  if (typeof natsServer === 'string' && typeof values.server === 'string')
    throw new UsageError(
      '--nats-server starts a private server, --server uses a running one: give one or the other',
    );
  const server = connectionFromFlags(values as ServerFlagValues, 'the NATS user the lab logs in as');
  return typeof natsServer === 'string' ? { server, natsServer } : { server };
}
