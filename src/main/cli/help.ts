/** Help texts of the CLI, generated from the catalogues so they never drift from what the engine accepts. */
import { POOL_KNOBS, describeRange, formatKnobNumber, type KnobSpec } from '../../shared/knobs';
import { MODELS, MODEL_IDS, modelGroups, type CatalogModel } from '../../shared/models';
import { SCENARIOS } from '../../shared/scenarios';

function knobLine(knob: KnobSpec): string {
  const placeholder = knob.unit === 'ms' ? 'MS' : knob.integer ? 'N' : 'X';
  const name = `--${knob.flag} ${placeholder}`.padEnd(22);
  const fallback = knob.default === null ? (knob.unsetMeans ?? 'unset') : formatKnobNumber(knob.default);
  return `  ${name}${knob.help} Default ${fallback}; ${describeRange(knob)}.`;
}

/** `concurrency-lab --help`. */
export const MAIN_HELP = `concurrency-lab — race concurrency models on the same work and measure them

Usage:
  concurrency-lab run --scenario <id> [--models m1,m2,…] [knobs] [--format table|json|csv|markdown]
                      [--out FILE] [--trace FILE] [--log FILE]
  concurrency-lab scenarios [--json]     list scenarios with their knobs, defaults and ranges
  concurrency-lab serve [--port N] [--host 127.0.0.1] [--token T]
                                         the app in a browser (browser mode)
  concurrency-lab --version

Models: ${MODEL_IDS.join(', ')}
Run "concurrency-lab run --help" for every flag.
`;

/** `concurrency-lab run --help`. */
export const RUN_HELP = `Usage: concurrency-lab run --scenario <id> [options]

Runs the scenario under each model, one after another on the same tasks, checks that every model
got the same right answer, and prints the comparison table. Ctrl-C cancels: every worker and
process stops, and the partial results are printed.

Output:
  -s, --scenario ID     ${SCENARIOS.map((s) => s.id).join(', ')}
  -m, --models LIST     comma-separated, default all: ${MODEL_IDS.join(',')}
  -f, --format FORMAT   table (default), json, csv or markdown
  -o, --out FILE        write the report to FILE instead of standard output
      --trace FILE      also write a Chrome trace (open it in Perfetto or chrome://tracing)
      --log FILE        append one line per model here (default logs/concurrency_results.log)

Pool settings (any scenario):
${Object.values(POOL_KNOBS).map(knobLine).join('\n')}

Scenario knobs (see "concurrency-lab scenarios"):
${SCENARIOS.map((s) => `  ${s.id}: ${s.knobs.map((k) => `--${k.flag}`).join(', ')}`).join('\n')}
`;

function modelLine(model: CatalogModel): string {
  const { id, availability } = model;
  const line = `  ${id.padEnd(12)}${MODELS[id].python.padEnd(24)}${MODELS[id].summary}`;
  return availability.available ? line : `${line} [unavailable: ${availability.reason}]`;
}

/** `concurrency-lab scenarios`: every scenario and pool setting, and the models (by runtime when there are several). */
export function scenariosText(catalogModels: readonly CatalogModel[]): string {
  const blocks = SCENARIOS.map(
    (s) =>
      `${s.id} — ${s.title} [${s.kind === 'io' ? 'I/O-bound' : 'CPU-bound'}]\n  ${s.lesson}\n${s.knobs.map(knobLine).join('\n')}`,
  );
  const groups = modelGroups(catalogModels);
  const models = groups.flatMap((group) => [
    ...(groups.length > 1 ? [` ${group.label}:`] : []),
    ...group.models.map(modelLine),
  ]);
  return `${blocks.join('\n\n')}\n\nPool settings (any scenario):\n${Object.values(POOL_KNOBS).map(knobLine).join('\n')}\n\nModels:\n${models.join('\n')}\n`;
}
