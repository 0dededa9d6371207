import { describe, expect, it } from 'vitest';
import { POOL_KNOBS } from '../../shared/knobs';
import { DEFAULT_MODEL_IDS, MODEL_IDS } from '../../shared/models';
import { SCENARIO_IDS } from '../../shared/scenarios';
import { DEFAULT_LOG_PATH, parseRunArgs } from './parse-run-args';
import { UsageError } from './usage-error';

/** The UsageError message parseRunArgs throws for args; fails when it parses or throws something else. */
function usageErrorOf(args: readonly string[]): string {
  let thrown: unknown;
  try {
    parseRunArgs(args);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${JSON.stringify(args)} to be refused`).toBeInstanceOf(UsageError);
  const message = (thrown as UsageError).message;
  // The CLI prints the message as one line on stderr.
  expect(message, 'a usage error is one line').not.toMatch(/[\r\n]/);
  expect(message.trim()).not.toBe('');
  return message;
}

describe('parseRunArgs: what a plain run means', () => {
  it('defaults to the five Node models (the CPython and distributed models are opt-in), the table, standard output and the default log', () => {
    const command = parseRunArgs(['--scenario', 'io-sleep']);
    expect(command).toEqual({
      request: { scenario: 'io-sleep', params: {}, models: [...DEFAULT_MODEL_IDS], pool: {} },
      format: 'table',
      out: null,
      trace: null,
      log: DEFAULT_LOG_PATH,
      python: null,
      help: false,
      distributed: { server: null },
    });
    expect(DEFAULT_MODEL_IDS).toEqual(['sequential', 'async', 'threads', 'gil-threads', 'processes']);
    expect(DEFAULT_LOG_PATH).toBe('logs/concurrency_results.log');
  });

  it('takes the CPython models by name, and the interpreter with --python', () => {
    const command = parseRunArgs([
      '--scenario',
      'cpu-primes',
      '--models',
      'threads,gil-threads,py-threads,py-processes',
      '--python',
      '/opt/python3.13/bin/python3',
    ]);
    expect(command.request.models).toEqual(['threads', 'gil-threads', 'py-threads', 'py-processes']);
    expect(command.python).toBe('/opt/python3.13/bin/python3');
    expect(() => parseRunArgs(['--scenario', 'io-sleep', '--python', ''])).toThrow(
      '--python needs a file path',
    );
  });

  it.each(SCENARIO_IDS)('accepts the scenario %s', (id) => {
    expect(parseRunArgs(['--scenario', id]).request.scenario).toBe(id);
  });

  it('parses scenario knobs into params and pool settings into pool, by key', () => {
    const command = parseRunArgs([
      '--scenario',
      'http-requests',
      '--tasks',
      '20',
      '--latency-ms',
      '0',
      '--bytes',
      '2048',
      '--failure-rate',
      '0.25',
      '--threads',
      '3',
      '--processes',
      '2',
      '--concurrency',
      '8',
      '--switch-interval',
      '0.5',
      '--task-timeout',
      '1000',
    ]);
    expect(command.request.params).toEqual({ tasks: 20, latencyMs: 0, bytes: 2048, failureRate: 0.25 });
    expect(command.request.pool).toEqual({
      threads: 3,
      processes: 2,
      concurrency: 8,
      switchIntervalMs: 0.5,
      taskTimeoutMs: 1000,
    });
  });

  it('accepts --flag=value and knob values at the ends of their ranges', () => {
    const command = parseRunArgs(['--scenario=io-sleep', '--tasks=1', '--task-ms=60000', '--threads=128']);
    expect(command.request.params).toEqual({ tasks: 1, taskMs: 60000 });
    expect(command.request.pool).toEqual({ threads: 128 });
  });

  it('understands the short flags -s, -m, -f and -o', () => {
    const command = parseRunArgs(['-s', 'cpu-primes', '-m', 'async,processes', '-f', 'json', '-o', 'r.json']);
    expect(command.request.scenario).toBe('cpu-primes');
    expect(command.request.models).toEqual(['async', 'processes']);
    expect(command.format).toBe('json');
    expect(command.out).toBe('r.json');
  });

  it('keeps the models in the order given, spaces around commas allowed', () => {
    expect(parseRunArgs(['-s', 'io-sleep', '--models', 'processes, sequential']).request.models).toEqual([
      'processes',
      'sequential',
    ]);
  });

  it.each(['table', 'json', 'csv', 'markdown'])('accepts --format %s', (format) => {
    expect(parseRunArgs(['-s', 'io-sleep', '--format', format]).format).toBe(format);
  });

  it('takes --out, --trace and --log paths', () => {
    const command = parseRunArgs(['-s', 'io-sleep', '--out', 'a.txt', '--trace', 't.json', '--log', 'l.log']);
    expect(command).toMatchObject({ out: 'a.txt', trace: 't.json', log: 'l.log' });
  });

  it('asks for help with --help or -h, even without a scenario', () => {
    expect(parseRunArgs(['--help']).help).toBe(true);
    expect(parseRunArgs(['-h']).help).toBe(true);
  });
});

describe('parseRunArgs: bad input is one line naming the flag and what is allowed', () => {
  const tasksRange = 'an integer from 1 to 100000';

  it.each([
    ['0', ['--tasks', '0']],
    ['-5', ['--tasks', '-5']],
    ['-5 (as --tasks=-5)', ['--tasks=-5']],
    ['1e9', ['--tasks', '1e9']],
    ['abc', ['--tasks', 'abc']],
    ['1.5', ['--tasks', '1.5']],
    ['NaN', ['--tasks', 'NaN']],
    ['Infinity', ['--tasks', 'Infinity']],
    ['an empty string', ['--tasks', '']],
    ['100001', ['--tasks', '100001']],
    ['4 apples', ['--tasks', '4 apples']],
  ])('refuses --tasks %s with its range', (_label, args) => {
    const message = usageErrorOf(['--scenario', 'io-sleep', ...args]);
    expect(message).toContain('--tasks');
    expect(message).toContain(tasksRange);
  });

  it('refuses --task-ms 0x10 (no hex) with its range', () => {
    const message = usageErrorOf(['-s', 'io-sleep', '--task-ms', '0x10']);
    expect(message).toContain('--task-ms');
    expect(message).toContain('from 1 to 60000');
  });

  it.each([
    ['--threads', '0', 'from 1 to 128'],
    ['--threads', '1000', 'from 1 to 128'],
    ['--processes', '65', 'from 1 to 64'],
    ['--switch-interval', '0', 'from 0.1 to 1000'],
    ['--switch-interval', '-1', 'from 0.1 to 1000'],
    ['--concurrency', '-1', 'from 1 to 100000'],
    ['--concurrency', '0', 'from 1 to 100000'],
    ['--task-timeout', '0.5', 'from 1 to 3600000'],
  ])('refuses pool setting %s %s with its range', (flag, value, range) => {
    const message = usageErrorOf(['-s', 'cpu-primes', flag, value]);
    expect(message).toContain(flag);
    expect(message).toContain(range);
  });

  it('refuses a knob of another scenario, saying it does not apply and which scenario it is for', () => {
    const message = usageErrorOf(['-s', 'io-sleep', '--latency-ms', '5']);
    expect(message).toContain('--latency-ms');
    expect(message).toMatch(/does not apply/);
    expect(message).toContain('io-sleep');
    expect(message).toContain('http-requests');
  });

  it('names every scenario a shared knob belongs to', () => {
    const message = usageErrorOf(['-s', 'io-sleep', '--image-size', '64']);
    expect(message).toContain('image-batch');
  });

  it('refuses an unknown flag, naming it', () => {
    expect(usageErrorOf(['-s', 'io-sleep', '--frobnicate', '3'])).toContain('--frobnicate');
    expect(usageErrorOf(['-s', 'io-sleep', '-x'])).toContain('-x');
  });

  it('refuses a positional argument', () => {
    expect(usageErrorOf(['-s', 'io-sleep', 'extra'])).toContain('extra');
  });

  it('refuses a flag given twice instead of taking the last value', () => {
    expect(usageErrorOf(['-s', 'io-sleep', '--tasks', '3', '--tasks', '4'])).toBe(
      '--tasks is given twice ("3" and "4"): give it once',
    );
    expect(usageErrorOf(['-s', 'io-sleep', '--scenario', 'cpu-primes'])).toMatch(/--scenario is given twice/);
  });

  it('cuts an out-of-range value in the message instead of echoing all of it', () => {
    const message = usageErrorOf(['-s', 'io-sleep', '--tasks', '9'.repeat(100_000)]);
    expect(message).toContain(tasksRange);
    expect(message).toContain('(100,000 characters)');
    expect(message.length).toBeLessThan(200);
  });

  it('requires --scenario, listing the scenarios', () => {
    const message = usageErrorOf(['--tasks', '3']);
    expect(message).toContain('--scenario');
    for (const id of SCENARIO_IDS) expect(message).toContain(id);
  });

  it('refuses an unknown scenario, listing the scenarios', () => {
    const message = usageErrorOf(['--scenario', 'io-nap']);
    expect(message).toContain('--scenario');
    expect(message).toContain('io-nap');
    for (const id of SCENARIO_IDS) expect(message).toContain(id);
  });

  it('refuses an unknown model, listing the models', () => {
    const message = usageErrorOf(['-s', 'io-sleep', '--models', 'async,fibers']);
    expect(message).toContain('--models');
    expect(message).toContain('fibers');
    for (const id of MODEL_IDS) expect(message).toContain(id);
  });

  it('refuses a model named twice', () => {
    const message = usageErrorOf(['-s', 'io-sleep', '--models', 'async,threads,async']);
    expect(message).toContain('--models');
    expect(message).toMatch(/twice/);
  });

  it.each(['', ',', 'async,', ' , '])('refuses --models %j, listing the models', (value) => {
    const message = usageErrorOf(['-s', 'io-sleep', '--models', value]);
    expect(message).toContain('--models');
    for (const id of MODEL_IDS) expect(message).toContain(id);
  });

  it('refuses --format xml, listing the formats', () => {
    const message = usageErrorOf(['-s', 'io-sleep', '--format', 'xml']);
    expect(message).toContain('--format');
    for (const format of ['table', 'json', 'csv', 'markdown']) expect(message).toContain(format);
  });

  it.each(['--out', '--trace', '--log'])('refuses an empty %s path', (flag) => {
    expect(usageErrorOf(['-s', 'io-sleep', flag, ''])).toContain(flag);
  });

  it.each([
    ['--tasks', ['-s', 'io-sleep', '--tasks']],
    ['--scenario', ['--scenario']],
    ['--models', ['-s', 'io-sleep', '--models']],
    ['--format', ['-s', 'io-sleep', '--format']],
    ['--threads', ['-s', 'io-sleep', '--threads']],
  ])('refuses %s given without a value, naming it', (flag, args) => {
    expect(usageErrorOf(args)).toContain(flag);
  });

  it('checks every pool flag against POOL_KNOBS, so the catalogue and the parser agree', () => {
    for (const knob of Object.values(POOL_KNOBS)) {
      const message = usageErrorOf(['-s', 'io-sleep', `--${knob.flag}`, String(knob.max * 10)]);
      expect(message).toContain(`--${knob.flag}`);
      expect(message).toContain(`to ${knob.max}`);
    }
  });
});

describe('parseRunArgs: the distributed model’s broker', () => {
  const run = ['--scenario', 'cpu-primes', '--models', 'processes,distributed'];

  it('takes a running server with the instructor’s credentials, kept out of the request', () => {
    const command = parseRunArgs([
      ...run,
      '--server',
      'nats://10.0.0.5:4222',
      '--user',
      'instructor',
      '--password',
      'pw',
      '--workers',
      '0',
    ]);
    expect(command.distributed).toEqual({
      server: { url: 'nats://10.0.0.5:4222', auth: { kind: 'password', user: 'instructor', password: 'pw' } },
    });
    expect(command.request.pool).toEqual({ workers: 0 });
    expect(JSON.stringify(command.request)).not.toContain('pw');
  });

  it('starts a private server without --server, from --nats-server when given', () => {
    expect(parseRunArgs(run).distributed).toEqual({ server: null });
    expect(parseRunArgs([...run, '--nats-server', '/opt/nats-server']).distributed).toEqual({
      server: null,
      natsServer: '/opt/nats-server',
    });
  });

  it.each([
    [['--workers', '65'], '--workers must be an integer from 0 to 64 (got "65")'],
    [['--workers', '1.5'], '--workers must be an integer from 0 to 64 (got "1.5")'],
    [
      ['--server', 'lab'],
      '--server must be nats://HOST:PORT or tls://HOST:PORT, with a port from 1 to 65535 (got "lab")',
    ],
    [
      ['--user', 'u', '--password', 'p'],
      '--user needs --server: the NATS server it logs in to (nats://HOST:PORT)',
    ],
    [
      ['--server', 'nats://lab:4222', '--user', 'u'],
      '--user and --password go together (the NATS user the lab logs in as)',
    ],
    [['--server', 'nats://lab:4222', '--creds', '/no/x.creds'], '--creds: no file at /no/x.creds'],
    [
      ['--server', 'nats://lab:4222', '--nats-server', '/usr/sbin/nats-server'],
      '--nats-server starts a private server, --server uses a running one: give one or the other',
    ],
  ])('refuses %j in one line naming the flag', (extra, message) => {
    expect(usageErrorOf([...run, ...extra])).toBe(message);
  });

  it('refuses broker flags in a race without the distributed model', () => {
    expect(
      usageErrorOf(['--scenario', 'cpu-primes', '--models', 'processes', '--server', 'nats://lab:4222']),
    ).toBe('--server is a setting of the distributed model: add distributed to --models');
  });
});
