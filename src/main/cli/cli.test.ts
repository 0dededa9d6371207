/**
 * The real `concurrency-lab` command, built and run as a user runs it: a child Node process per
 * invocation, in a fresh temporary folder so the default logs/ folder lands there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatKnobNumber } from '../../shared/knobs';
import { DEFAULT_MODEL_IDS, MODEL_IDS } from '../../shared/models';
import { SCENARIOS, SCENARIO_IDS } from '../../shared/scenarios';

const BIN = resolve(__dirname, '../../../bin/concurrency-lab.js');
const LOG = join('logs', 'concurrency_results.log');

/** The comparison columns, in order, as the issue specifies them. */
const COLUMNS = [
  'Model',
  'Total time (s)',
  'Speedup',
  'Throughput (tasks/s)',
  'p95 latency (ms)',
  'CPU util',
  'Notes',
];

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const tempDirs: string[] = [];

/** A fresh empty folder to run the command in. */
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'concurrency-lab-cli-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs `concurrency-lab ...args` in cwd and collects what it printed and its exit code. */
function cli(args: readonly string[], cwd: string = freshDir()): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** A finished run's exit code, with what it printed when it was not 0. */
function expectSuccess(run: CliRun): void {
  expect(run.code, `stderr: ${run.stderr}`).toBe(0);
}

interface TableRow {
  readonly model: string;
  readonly cells: readonly string[];
}

/** The comparison table's header cells and model rows; cells are separated by two or more spaces. */
function parseTable(text: string): { header: string[]; rows: TableRow[] } {
  const lines = text.split('\n');
  const headerAt = lines.findIndex((line) => line.startsWith('Model '));
  expect(headerAt, text).toBeGreaterThanOrEqual(0);
  const header = lines[headerAt]!.trim().split(/\s{2,}/);
  expect(lines[headerAt + 1]).toMatch(/^-+( {2}-+)+$/);
  const rows: TableRow[] = [];
  for (const line of lines.slice(headerAt + 2)) {
    if (line.trim() === '') break;
    const cells = line.trim().split(/\s{2,}/);
    rows.push({ model: cells[0]!.replace(/\*$/, ''), cells });
  }
  return { header, rows };
}

/** RFC 4180 CSV into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(quoted, 'an unterminated quoted field').toBe(false);
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The cells of a Markdown table row, with escaped pipes kept inside their cell. */
function markdownCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function logLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

interface JsonModel {
  model: string;
  state: string;
  wallMs: number;
  startupMs: number;
  total: number;
  completed: number;
  failed: number;
  throughput: number;
  speedup: number | null;
  latencyMs: { p50: number; p95: number; max: number };
  cpuUtilization: number | null;
  peakRssMb: number;
  check: { ok: boolean | null; answer: string };
}

interface JsonReport {
  scenario: string;
  state: string;
  params: Record<string, number>;
  machine: { cores: number; node: string };
  results: JsonModel[];
}

/** Checks the documented shape of the JSON report and returns it typed. */
function expectJsonReport(stdout: string): JsonReport {
  // One document: JSON.parse refuses trailing text.
  const report = JSON.parse(stdout) as JsonReport;
  expect(typeof report.scenario).toBe('string');
  expect(typeof report.params).toBe('object');
  expect(Number.isInteger(report.machine.cores) && report.machine.cores > 0).toBe(true);
  expect(report.machine.node).toBe(process.version);
  expect(Array.isArray(report.results)).toBe(true);
  for (const m of report.results) {
    expect(MODEL_IDS).toContain(m.model);
    for (const key of ['wallMs', 'startupMs', 'completed', 'failed', 'throughput', 'peakRssMb'] as const) {
      expect(typeof m[key], `${m.model}.${key}`).toBe('number');
      expect(m[key], `${m.model}.${key}`).toBeGreaterThanOrEqual(0);
    }
    expect(m.wallMs).toBeGreaterThan(0);
    expect(m.speedup === null || m.speedup > 0).toBe(true);
    expect(m.latencyMs.p50).toBeLessThanOrEqual(m.latencyMs.p95);
    expect(m.latencyMs.p95).toBeLessThanOrEqual(m.latencyMs.max);
    expect(m.cpuUtilization === null || (m.cpuUtilization >= 0 && m.cpuUtilization <= 1)).toBe(true);
    expect(m.peakRssMb).toBeGreaterThan(0);
  }
  return report;
}

describe('concurrency-lab: help, version and the scenario list', () => {
  it.each([{ args: ['--help'] }, { args: ['help'] }, { args: [] }, { args: ['run', '--help'] }])(
    '$args prints help and exits 0',
    async ({ args }) => {
      const run = await cli(args);
      expectSuccess(run);
      expect(run.stdout).toMatch(/Usage:/);
      expect(run.stdout).toContain('--scenario');
      expect(run.stderr).toBe('');
    },
  );

  it('run --help lists every pool flag and every scenario', async () => {
    const run = await cli(['run', '--help']);
    for (const flag of ['--threads', '--processes', '--concurrency', '--switch-interval', '--task-timeout'])
      expect(run.stdout).toContain(flag);
    for (const id of SCENARIO_IDS) expect(run.stdout).toContain(id);
  });

  it('--version prints the version and exits 0', async () => {
    const run = await cli(['--version']);
    expectSuccess(run);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('scenarios lists every scenario with its knobs, defaults, ranges and lesson', async () => {
    const run = await cli(['scenarios']);
    expectSuccess(run);
    const blocks = run.stdout.split(/\n\s*\n/);
    for (const scenario of SCENARIOS) {
      const block = blocks.find((b) => b.startsWith(`${scenario.id} `));
      expect(block, `a block for ${scenario.id}`).toBeDefined();
      expect(block).toContain(scenario.lesson);
      for (const knob of scenario.knobs) {
        const line = block!.split('\n').find((l) => l.trim().startsWith(`--${knob.flag} `));
        expect(line, `${scenario.id} --${knob.flag}`).toBeDefined();
        expect(line).toContain(`Default ${formatKnobNumber(knob.default!)}`);
        expect(line).toContain(`from ${formatKnobNumber(knob.min)} to ${formatKnobNumber(knob.max)}`);
      }
    }
  });

  it('scenarios --json parses and has all 7 scenarios with their knobs', async () => {
    const run = await cli(['scenarios', '--json']);
    expectSuccess(run);
    const parsed = JSON.parse(run.stdout) as {
      scenarios: { id: string; knobs: { flag: string; min: number; max: number }[] }[];
    };
    expect(parsed.scenarios.map((s) => s.id)).toEqual([...SCENARIO_IDS]);
    expect(parsed.scenarios).toHaveLength(7);
    for (const s of parsed.scenarios) expect(s.knobs.length).toBeGreaterThan(0);
  });
});

describe('concurrency-lab run: reports and the results log', () => {
  it('prints the comparison table with the columns in order and the default models’ rows, and logs one line per model', async () => {
    const cwd = freshDir();
    const first = await cli(['run', '--scenario', 'io-sleep', '--tasks', '4', '--task-ms', '200'], cwd);
    expectSuccess(first);
    expect(first.stderr).toBe('');
    const { header, rows } = parseTable(first.stdout);
    expect(header).toEqual(COLUMNS);
    expect(rows.map((r) => r.model)).toEqual([...DEFAULT_MODEL_IDS]);
    for (const row of rows) expect(row.cells.length).toBeGreaterThanOrEqual(COLUMNS.length - 1);

    // Unlimited async overlaps every wait; so do six or more threads, GIL or not: by construction.
    const seconds = (model: string): number => Number(rows.find((r) => r.model === model)!.cells[1]);
    expect(seconds('sequential')).toBeGreaterThan(0);
    expect(seconds('async')).toBeLessThan(0.6 * seconds('sequential'));
    expect(seconds('threads')).toBeLessThan(0.6 * seconds('sequential'));
    expect(seconds('gil-threads')).toBeLessThan(0.6 * seconds('sequential'));
    expect(rows.find((r) => r.model === 'sequential')!.cells[2]).toBe('1.00x');

    const log = join(cwd, LOG);
    const lines = logLines(log);
    expect(lines).toHaveLength(5);
    for (const [i, model] of DEFAULT_MODEL_IDS.entries()) {
      expect(lines[i]).toContain(`model=${model} `);
      expect(lines[i]).toContain('scenario=io-sleep');
      expect(lines[i]).toContain('tasks=4/4');
    }

    const second = await cli(['run', '-s', 'io-sleep', '--tasks', '2', '--task-ms', '20'], cwd);
    expectSuccess(second);
    const after = logLines(log);
    expect(after).toHaveLength(10);
    expect(after.slice(0, 5)).toEqual(lines);
  });

  it('--format json prints one JSON document with every model complete, checked and measured', async () => {
    const run = await cli([
      'run',
      '--scenario',
      'io-sleep',
      '--tasks',
      '3',
      '--task-ms',
      '100',
      '--format',
      'json',
    ]);
    expectSuccess(run);
    const report = expectJsonReport(run.stdout);
    expect(report.scenario).toBe('io-sleep');
    expect(report.params).toEqual({ tasks: 3, taskMs: 100 });
    expect(report.results.map((m) => m.model)).toEqual([...DEFAULT_MODEL_IDS]);
    const sequential = report.results.find((m) => m.model === 'sequential')!;
    expect(sequential.speedup).toBe(1);
    for (const m of report.results) {
      expect(m.state, m.model).toBe('done');
      expect(m.completed, m.model).toBe(3);
      expect(m.failed, m.model).toBe(0);
      expect(m.check.ok, m.model).toBe(true);
      // A wait of 100 ms cannot take much less than 100 ms.
      expect(m.latencyMs.p50, m.model).toBeGreaterThanOrEqual(90);
      // The derived numbers agree with the measured ones (3-decimal rounding aside).
      expect(m.speedup!).toBeCloseTo(sequential.wallMs / m.wallMs, 2);
      expect(m.throughput).toBeCloseTo(m.completed / (m.wallMs / 1000), 1);
    }
  });

  it('--format csv prints a header and five parseable model rows', async () => {
    const run = await cli(['run', '-s', 'io-sleep', '--tasks', '2', '--task-ms', '20', '-f', 'csv']);
    expectSuccess(run);
    const rows = parseCsv(run.stdout);
    const [header, ...body] = rows;
    expect(header).toContain('model');
    expect(body).toHaveLength(5);
    const modelAt = header!.indexOf('model');
    expect(body.map((r) => r[modelAt])).toEqual([...DEFAULT_MODEL_IDS]);
    for (const row of body) expect(row).toHaveLength(header!.length);
  });

  it('--format markdown prints a table with the comparison columns and the default models’ rows', async () => {
    const run = await cli(['run', '-s', 'io-sleep', '--tasks', '2', '--task-ms', '20', '-f', 'markdown']);
    expectSuccess(run);
    const tableLines = run.stdout.split('\n').filter((line) => line.startsWith('|'));
    const headerAt = tableLines.findIndex((line) => markdownCells(line)[0] === 'Model');
    expect(markdownCells(tableLines[headerAt]!)).toEqual(COLUMNS);
    expect(markdownCells(tableLines[headerAt + 1]!).every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
    const rows = tableLines.slice(headerAt + 2, headerAt + 7).map(markdownCells);
    expect(rows.map((cells) => cells[0]!.replace(/\*/g, ''))).toEqual([...DEFAULT_MODEL_IDS]);
    for (const cells of rows) expect(cells).toHaveLength(COLUMNS.length);
  });

  it('--out, --trace and --log write their files and leave stdout and logs/ alone', async () => {
    const cwd = freshDir();
    const run = await cli(
      [
        'run',
        '-s',
        'io-sleep',
        '--tasks',
        '2',
        '--task-ms',
        '20',
        '--out',
        'reports/table.txt',
        '--trace',
        'trace.json',
        '--log',
        'custom/results.log',
      ],
      cwd,
    );
    expectSuccess(run);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('reports/table.txt');
    expect(run.stderr).toContain('trace.json');

    const { header, rows } = parseTable(readFileSync(join(cwd, 'reports/table.txt'), 'utf8'));
    expect(header).toEqual(COLUMNS);
    expect(rows).toHaveLength(5);

    const trace = JSON.parse(readFileSync(join(cwd, 'trace.json'), 'utf8')) as {
      traceEvents: { ph: string; pid: number; name: string; args?: { name?: string } }[];
    };
    expect(Array.isArray(trace.traceEvents)).toBe(true);
    const processNames = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'process_name');
    expect(processNames).toHaveLength(5);
    // Every task of every model is on the trace: a complete event, or an async begin.
    const taskStarts = trace.traceEvents.filter((e) => e.ph === 'X' || e.ph === 'b');
    expect(taskStarts).toHaveLength(2 * 5);

    expect(logLines(join(cwd, 'custom/results.log'))).toHaveLength(5);
    expect(existsSync(join(cwd, 'logs'))).toBe(false);
  });

  it('--models runs only the models named, in that order', async () => {
    const run = await cli([
      'run',
      '-s',
      'io-sleep',
      '--tasks',
      '2',
      '--task-ms',
      '20',
      '-m',
      'async,sequential',
    ]);
    expectSuccess(run);
    expect(parseTable(run.stdout).rows.map((r) => r.model)).toEqual(['async', 'sequential']);
  });

  it('never ranks a model whose tasks failed, and exits 1', async () => {
    // Every threads task outlives its 30 ms timeout; sequential has no timeout and runs cleanly.
    const args = ['run', '-s', 'io-sleep', '--tasks', '3', '--task-ms', '200', '--task-timeout', '30'];
    const run = await cli([...args, '-m', 'sequential,threads', '--threads', '3']);
    expect(run.code, run.stderr).toBe(1);
    const { rows } = parseTable(run.stdout);
    const threads = rows.find((row) => row.model.startsWith('threads'));
    expect(threads?.model).toBe('threads (failed)');
    expect(threads?.cells[2]).toBe('-');
    expect(run.stdout).not.toContain('* fastest');
  });

  it('runs a CPU scenario under every model, and every model gets the same checked answer', async () => {
    const run = await cli([
      'run',
      '--scenario',
      'cpu-primes',
      '--tasks',
      '4',
      '--task-ms',
      '20',
      '--format',
      'json',
    ]);
    expectSuccess(run);
    const report = expectJsonReport(run.stdout);
    expect(report.results.map((m) => m.model)).toEqual([...DEFAULT_MODEL_IDS]);
    for (const m of report.results) {
      expect(m.state, m.model).toBe('done');
      expect(m.completed, m.model).toBe(4);
      expect(m.check.ok, `${m.model}: ${m.check.answer}`).toBe(true);
    }
    expect(new Set(report.results.map((m) => m.check.answer)).size).toBe(1);
  });
});

describe('concurrency-lab: bad input is one line on stderr, exit code 2, and nothing started', () => {
  const cases: [string, string[], string[]][] = [
    ['unknown command', ['frobnicate'], ['frobnicate']],
    ['unknown scenario', ['run', '--scenario', 'io-nap'], ['--scenario', 'io-nap']],
    ['unknown model', ['run', '-s', 'io-sleep', '--models', 'async,fibers'], ['--models', 'fibers']],
    ['--tasks 0', ['run', '-s', 'io-sleep', '--tasks', '0'], ['--tasks', 'from 1 to 100000']],
    ['--tasks -1', ['run', '-s', 'io-sleep', '--tasks', '-1'], ['--tasks', 'from 1 to 100000']],
    ['--tasks abc', ['run', '-s', 'io-sleep', '--tasks', 'abc'], ['--tasks', 'from 1 to 100000']],
    [
      '--tasks 99999999999',
      ['run', '-s', 'io-sleep', '--tasks', '99999999999'],
      ['--tasks', 'from 1 to 100000'],
    ],
    ['--task-ms NaN', ['run', '-s', 'io-sleep', '--task-ms', 'NaN'], ['--task-ms', 'from 1 to 60000']],
    ['--threads 0', ['run', '-s', 'io-sleep', '--threads', '0'], ['--threads', 'from 1 to 128']],
    ['an unknown flag', ['run', '-s', 'io-sleep', '--frobnicate', '3'], ['--frobnicate']],
    ['a missing --scenario', ['run', '--tasks', '3'], ['--scenario']],
    [
      'a knob of another scenario',
      ['run', '-s', 'io-sleep', '--latency-ms', '5'],
      ['--latency-ms', 'http-requests'],
    ],
    ['--format xml', ['run', '-s', 'io-sleep', '--format', 'xml'], ['--format', 'csv']],
    ['scenarios with an extra argument', ['scenarios', '--yaml'], ['--yaml']],
    ['a flag given twice', ['run', '-s', 'io-sleep', '--tasks', '3', '--tasks', '4'], ['--tasks', 'twice']],
    ['a stray argument to run', ['run', '-s', 'io-sleep', 'stray'], ['"stray"', '--flag']],
    ['a stray argument to serve', ['serve', 'stray'], ['"stray"', '--flag']],
    ['serve --port -1', ['serve', '--port', '-1'], ['--port', 'from 0 to 65535']],
    [
      'a 100,000-digit --tasks, cut in the message',
      ['run', '-s', 'io-sleep', '--tasks', '1'.repeat(100_000)],
      ['--tasks', 'from 1 to 100000', '(100,000 characters)'],
    ],
  ];

  it('an --out path under a file, before anything starts', async () => {
    const cwd = freshDir();
    writeFileSync(join(cwd, 'afile'), '');
    const run = await cli(['run', '-s', 'io-sleep', '--tasks', '1', '--out', 'afile/x.txt'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `concurrency-lab: --out afile/x.txt cannot be written: ${join(cwd, 'afile')} is a file, not a folder\n`,
    );
    expect(existsSync(join(cwd, 'logs')), 'nothing started, so no logs/').toBe(false);
  });

  it.runIf(existsSync('/proc/version'))(
    'a --trace file that refuses writes, before anything starts',
    async () => {
      const run = await cli(['run', '-s', 'io-sleep', '--tasks', '1', '--trace', '/proc/version']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^concurrency-lab: --trace \/proc\/version cannot be written: /);
    },
  );

  it.each(cases)('%s', async (_label, args, mentions) => {
    const cwd = freshDir();
    const run = await cli(args, cwd);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n').filter((line) => line !== '');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]!.length).toBeLessThan(300);
    for (const mention of mentions) expect(lines[0]).toContain(mention);
    expect(existsSync(join(cwd, 'logs')), 'nothing started, so no logs/').toBe(false);
  });
});
