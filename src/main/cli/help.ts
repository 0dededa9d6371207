/** Help texts of the CLI, generated from the catalogues so they never drift from what the engine accepts. */
import { POOL_KNOBS, describeRange, formatKnobNumber, type KnobSpec } from '../../shared/knobs';
import { DEFAULT_MODEL_IDS, MODELS, MODEL_IDS, modelGroups, type CatalogModel } from '../../shared/models';
import type { PythonCatalog } from '../../shared/python-run';
import { SCENARIOS } from '../../shared/scenarios';

function knobLine(knob: KnobSpec): string {
  const placeholder = knob.unit === 'ms' ? 'MS' : knob.integer ? 'N' : 'X';
  const name = `--${knob.flag} ${placeholder}`.padEnd(22);
  const fallback = knob.default === null ? (knob.unsetMeans ?? 'unset') : formatKnobNumber(knob.default);
  return `  ${name}${knob.help} Default ${fallback}; ${describeRange(knob)}.`;
}

/** The models a run has only when --models names them. */
const OPT_IN = MODEL_IDS.filter((id) => MODELS[id].defaultSelected === false);

/** `concurrency-lab --help`. */
export const MAIN_HELP = `concurrency-lab — race concurrency models on the same work and measure them

Usage:
  concurrency-lab run --scenario <id> [--models m1,m2,…] [knobs] [--format table|json|csv|markdown]
                      [--out FILE] [--trace FILE] [--log FILE] [--python PATH]
  concurrency-lab scenarios [--json] [--python PATH]
                                         list scenarios with their knobs, defaults and ranges, the
                                         models, and the Python interpreters found
  concurrency-lab serve [--port N] [--host 127.0.0.1] [--token T] [--python PATH]
                                         the app in a browser (browser mode)
  concurrency-lab cluster [--host H] [--port N] [--tls-cert F --tls-key F]
                                         a NATS server for a room; prints the join command
  concurrency-lab worker --server nats://HOST:PORT [--user U --password P] [--concurrency N]
                                         join a lab as worker processes
  concurrency-lab --version

Models (default): ${DEFAULT_MODEL_IDS.join(', ')}
Models (named with --models only): ${OPT_IN.join(', ')}
  The py-* models run the same tasks in a real CPython (3.9 or newer: python3, then python, on PATH;
  --python PATH or CONCURRENCY_LAB_PYTHON names another).
Run "concurrency-lab run --help" for every flag.
`;

/** `concurrency-lab run --help`. */
export const RUN_HELP = `Usage: concurrency-lab run --scenario <id> [options]

Runs the scenario under each model, one after another on the same tasks, checks that every model
got the same right answer, and prints the comparison table. Ctrl-C cancels: every worker and
process stops, and the partial results are printed.

Output:
  -s, --scenario ID     ${SCENARIOS.map((s) => s.id).join(', ')}
  -m, --models LIST     comma-separated from ${MODEL_IDS.join(',')}
                        (default ${DEFAULT_MODEL_IDS.join(',')}; the rest are opt-in)
  -f, --format FORMAT   table (default), json, csv or markdown
  -o, --out FILE        write the report to FILE instead of standard output
      --trace FILE      also write a Chrome trace (open it in Perfetto or chrome://tracing)
      --log FILE        append one line per model here (default logs/concurrency_results.log)
      --python PATH     the interpreter the py-* models run on (default: $CONCURRENCY_LAB_PYTHON,
                        else python3, then python, on PATH); a py-* model that cannot run exits 2

Pool settings (any scenario):
${Object.values(POOL_KNOBS).map(knobLine).join('\n')}

The distributed model's broker (settings of this command, never saved with the run):
      --server URL      use a running NATS server with JetStream, e.g. a room's "concurrency-lab
                        cluster" (nats://HOST:PORT or tls://HOST:PORT); without it the lab starts a
                        private nats-server on 127.0.0.1 for the run and stops it after
      --user U          with --password: the server's user (the instructor's, for a room)
      --password P
      --creds FILE      a NATS credentials file instead of --user and --password
      --tls-ca FILE     trust this certificate (a server with a self-signed one)
      --nats-server PATH  the nats-server binary to start (default: PATH and the usual folders)

Scenario knobs (see "concurrency-lab scenarios"):
${SCENARIOS.map((s) => `  ${s.id}: ${s.knobs.map((k) => `--${k.flag}`).join(', ')}`).join('\n')}
`;

const ID_WIDTH = Math.max(...MODEL_IDS.map((id) => id.length)) + 2;
const PYTHON_WIDTH = Math.max(...MODEL_IDS.map((id) => MODELS[id].python.length)) + 2;

function modelLine(model: CatalogModel): string {
  const { id, availability } = model;
  const line = `  ${id.padEnd(ID_WIDTH)}${MODELS[id].python.padEnd(PYTHON_WIDTH)}${MODELS[id].summary}`;
  return availability.available ? line : `${line} [unavailable: ${availability.reason}]`;
}

/** The Python interpreters found, or why none is usable. */
function pythonLines(python: PythonCatalog): string[] {
  if (python.interpreters.length === 0)
    return [`  none usable: ${python.unavailable ?? 'no interpreter found'}`];
  return python.interpreters.map((i) => `  ${i.label.padEnd(30)}${i.path}`);
}

/** `concurrency-lab scenarios`: every scenario and pool setting, the models (by runtime when there are several), and Python. */
export function scenariosText(catalogModels: readonly CatalogModel[], python?: PythonCatalog): string {
  const blocks = SCENARIOS.map(
    (s) =>
      `${s.id} — ${s.title} [${s.kind === 'io' ? 'I/O-bound' : 'CPU-bound'}]\n  ${s.lesson}\n${s.knobs.map(knobLine).join('\n')}`,
  );
  const groups = modelGroups(catalogModels);
  const models = groups.flatMap((group) => [
    ...(groups.length > 1 ? [` ${group.label}:`] : []),
    ...group.models.map(modelLine),
  ]);
  const pythonBlock = python ? `\nPython (for the py-* models):\n${pythonLines(python).join('\n')}\n` : '';
  return `${blocks.join('\n\n')}\n\nPool settings (any scenario):\n${Object.values(POOL_KNOBS).map(knobLine).join('\n')}\n\nModels:\n${models.join('\n')}\n${pythonBlock}`;
}
