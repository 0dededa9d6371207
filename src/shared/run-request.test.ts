import { describe, expect, it } from 'vitest';
import { POOL_KNOBS, formatKnobNumber, type KnobSpec } from './knobs';
import { DEFAULT_MODEL_IDS, MODEL_IDS } from './models';
import { formatIssue, resolveParams, validateRunRequest, type RequestIssue } from './run-request';
import { SCENARIOS, SCENARIO_IDS } from './scenarios';

/** The issues of a rejected request; fails the test when it was accepted. */
function issuesOf(input: unknown): readonly RequestIssue[] {
  const result = validateRunRequest(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  expect(result.issues.length).toBeGreaterThan(0);
  return result.issues;
}

/** The one issue about `field`; fails when there is none. */
function issueFor(input: unknown, field: string): RequestIssue {
  const issue = issuesOf(input).find((i) => i.field === field);
  if (!issue) throw new Error(`no issue for ${field}: ${JSON.stringify(issuesOf(input))}`);
  return issue;
}

function expectRangeIn(message: string, knob: KnobSpec): void {
  expect(message).toContain(`from ${formatKnobNumber(knob.min)}`);
  expect(message).toContain(`to ${formatKnobNumber(knob.max)}`);
}

/** Values a knob must refuse, each with a label for the test name. */
function badValues(knob: KnobSpec): [string, unknown][] {
  const values: [string, unknown][] = [
    ['min - 1', knob.min - 1],
    ['max + 1', knob.max + 1],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['a string', String(knob.default ?? knob.min)],
    ['null', null],
    ['a boolean', true],
    ['an array', [knob.min]],
  ];
  if (knob.integer) values.push(['a non-integer', knob.min + 0.5]);
  return values;
}

describe('validateRunRequest: accepted requests', () => {
  it('accepts a minimal request and fills the default models (Node’s; CPython is opt-in), in order, and empty params and pool', () => {
    const result = validateRunRequest({ scenario: 'io-sleep' });
    expect(result).toEqual({
      ok: true,
      value: { scenario: 'io-sleep', params: {}, models: [...DEFAULT_MODEL_IDS], pool: {} },
    });
    expect(validateRunRequest({ scenario: 'io-sleep', models: [...MODEL_IDS] }).ok).toBe(true);
  });

  it.each(SCENARIO_IDS)('accepts %s with every knob at its min, and at its max', (id) => {
    const knobs = SCENARIOS.find((s) => s.id === id)!.knobs;
    for (const edge of ['min', 'max'] as const) {
      const params = Object.fromEntries(knobs.map((k) => [k.key, k[edge]]));
      const result = validateRunRequest({ scenario: id, params, models: ['async'] });
      expect(result).toEqual({ ok: true, value: { scenario: id, params, models: ['async'], pool: {} } });
    }
  });

  it('accepts every pool setting at its min and max, and treats null as unset', () => {
    for (const edge of ['min', 'max'] as const) {
      const pool = Object.fromEntries(Object.values(POOL_KNOBS).map((k) => [k.key, k[edge]]));
      const result = validateRunRequest({ scenario: 'cpu-primes', pool });
      expect(result.ok && result.value.pool).toEqual(pool);
    }
    const result = validateRunRequest({ scenario: 'cpu-primes', pool: { threads: null, concurrency: 4 } });
    expect(result.ok && result.value.pool).toEqual({ concurrency: 4 });
  });

  it('keeps the models in the order given', () => {
    const result = validateRunRequest({ scenario: 'io-sleep', models: ['processes', 'sequential'] });
    expect(result.ok && result.value.models).toEqual(['processes', 'sequential']);
  });

  it('keeps the view that asked for the run, and has none when none is named', () => {
    const lesson = validateRunRequest({ scenario: 'io-sleep', origin: 'ten-files-io' });
    expect(lesson.ok && lesson.value.origin).toBe('ten-files-io');
    const plain = validateRunRequest({ scenario: 'io-sleep' });
    expect(plain.ok && 'origin' in plain.value).toBe(false);
  });
});

describe('validateRunRequest: the origin', () => {
  it('rejects an origin that names no view, listing the views', () => {
    const issue = issueFor({ scenario: 'io-sleep', origin: 'elsewhere' }, 'origin');
    expect(issue.message).toContain('gil-cpu');
    expect(issue.message).toContain('ten-files-io');
  });
});

describe('validateRunRequest: rejected requests name the problem and what is allowed', () => {
  it('rejects an unknown scenario, listing the scenarios', () => {
    const issue = issueFor({ scenario: 'io-nap' }, 'scenario');
    for (const id of SCENARIO_IDS) expect(issue.message).toContain(id);
  });

  it('rejects a missing scenario', () => {
    const issue = issueFor({ models: ['async'] }, 'scenario');
    expect(issue.message).toContain('io-sleep');
  });

  it('rejects an unknown model, listing the models', () => {
    const issue = issueFor({ scenario: 'io-sleep', models: ['async', 'fibers'] }, 'models.1');
    for (const id of MODEL_IDS) expect(issue.message).toContain(id);
  });

  it('rejects a model named twice', () => {
    const issue = issueFor({ scenario: 'io-sleep', models: ['async', 'threads', 'async'] }, 'models');
    expect(issue.message).toMatch(/twice/);
  });

  it('rejects an empty model list, listing the models', () => {
    const issue = issueFor({ scenario: 'io-sleep', models: [] }, 'models');
    expect(issue.message).toMatch(/at least one/);
    for (const id of MODEL_IDS) expect(issue.message).toContain(id);
  });

  it('rejects models that are not a list', () => {
    const issue = issueFor({ scenario: 'io-sleep', models: 'async' }, 'models');
    expect(issue.message).toMatch(/list/);
  });

  for (const scenario of SCENARIOS) {
    for (const knob of scenario.knobs) {
      it.each(badValues(knob))(
        `rejects ${scenario.id} ${knob.key} = %s with its flag and range`,
        (_label, value) => {
          const issue = issueFor(
            { scenario: scenario.id, params: { [knob.key]: value } },
            `params.${knob.key}`,
          );
          expect(issue.flag).toBe(`--${knob.flag}`);
          expectRangeIn(issue.message, knob);
          expect(issue.message).toContain(knob.integer ? 'an integer' : 'a number');
        },
      );
    }
  }

  // null means "unset" for pool settings, so it is allowed (tested above).
  const badPoolValues = Object.values(POOL_KNOBS).flatMap((knob) =>
    badValues(knob)
      .filter(([, value]) => value !== null)
      .map(([label, value]) => ({ knob, label, value })),
  );
  it.each(badPoolValues)('rejects pool $knob.key = $label with its flag and range', ({ knob, value }) => {
    const issue = issueFor({ scenario: 'io-sleep', pool: { [knob.key]: value } }, `pool.${knob.key}`);
    expect(issue.flag).toBe(`--${knob.flag}`);
    expectRangeIn(issue.message, knob);
  });

  it("rejects a knob of another scenario, listing this scenario's knobs", () => {
    const issue = issueFor({ scenario: 'io-sleep', params: { latencyMs: 5 } }, 'params.latencyMs');
    expect(issue.message).toContain('io-sleep');
    expect(issue.message).toContain('tasks');
    expect(issue.message).toContain('taskMs');
  });

  it('reports every bad knob, not only the first', () => {
    const issues = issuesOf({ scenario: 'io-sleep', params: { tasks: 0, taskMs: 0 }, pool: { threads: 0 } });
    expect(issues.map((i) => i.field).sort()).toEqual(['params.taskMs', 'params.tasks', 'pool.threads']);
  });

  it('rejects an unknown top-level field, naming it and the allowed fields', () => {
    const issues = issuesOf({ scenario: 'io-sleep', modles: ['async'] });
    const issue = issues.find((i) => i.message.includes('modles'));
    expect(issue).toBeDefined();
    expect(issue!.field).not.toBe('');
    for (const field of ['scenario', 'params', 'models', 'pool']) expect(issue!.message).toContain(field);
  });

  it.each(['nodes', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'rejects the unknown pool field %s, listing the pool settings',
    (key) => {
      const issue = issueFor({ scenario: 'io-sleep', pool: { [key]: 4 } }, `pool.${key}`);
      for (const k of Object.keys(POOL_KNOBS)) expect(issue.message).toContain(k);
    },
  );

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'rejects, without throwing, the unknown pool field %s holding a non-number',
    (key) => {
      let result: ReturnType<typeof validateRunRequest> | undefined;
      expect(() => {
        result = validateRunRequest({ scenario: 'io-sleep', pool: { [key]: {} } });
      }).not.toThrow();
      expect(result?.ok).toBe(false);
    },
  );

  it('rejects a "__proto__" params or pool key, naming the field, and changes no prototype', () => {
    const input = JSON.parse(
      '{"scenario":"io-sleep","params":{"__proto__":{"tasks":0}},"pool":{"__proto__":{"threads":0}}}',
    ) as unknown;
    const result = validateRunRequest(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.field)).toEqual(['params.__proto__', 'pool.__proto__']);
      expect(result.issues[0]!.message).toMatch(/reserved name/);
    }
    expect(({} as Record<string, unknown>).tasks).toBeUndefined();
    expect(({} as Record<string, unknown>).threads).toBeUndefined();
  });

  it.each(['params', 'pool'])('rejects a "__proto__" key in %s even beside valid settings', (field) => {
    const input = JSON.parse(`{"scenario":"io-sleep","${field}":{"__proto__":{},"tasks":3}}`) as unknown;
    const result = validateRunRequest(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.field).toBe(`${field}.__proto__`);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'rejects the unknown knob %s, listing the scenario knobs',
    (key) => {
      const issue = issueFor({ scenario: 'io-sleep', params: { [key]: 4 } }, `params.${key}`);
      expect(issue.message).toContain('tasks');
    },
  );

  it.each([null, undefined, 42, 'io-sleep', [], ['io-sleep'], true])(
    'rejects %j as a whole request',
    (input) => {
      const issues = issuesOf(input);
      expect(issues[0]!.field).not.toBe('');
      expect(issues[0]!.message).not.toBe('');
    },
  );

  it.each([null, 5, 'tasks=4', [4]])('rejects params = %j and pool = %j', (value) => {
    expect(issueFor({ scenario: 'io-sleep', params: value }, 'params').message).toMatch(/object/);
    expect(issueFor({ scenario: 'io-sleep', pool: value }, 'pool').message).toMatch(/object/);
  });
});

/** A small deterministic PRNG (mulberry32), so a failing fuzz case can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUZZ_KEYS = [
  'scenario',
  'params',
  'models',
  'pool',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'tasks',
  'taskMs',
  'threads',
  'switchIntervalMs',
  'latencyMs',
  'x',
  '',
];
const FUZZ_STRINGS = [
  ...SCENARIO_IDS,
  ...MODEL_IDS,
  '',
  'NaN',
  '1e9',
  '__proto__',
  '-1',
  ' 4 ',
  'ü',
  '\u0000',
];
const FUZZ_NUMBERS = [0, -1, 1, 2, 0.5, 0.1, 5, 100, 1000, 1e9, -0, NaN, Infinity, -Infinity, 2 ** 53, 1e-9];

function fuzzValue(random: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const roll = random();
  if (depth <= 0 || roll < 0.3) {
    const leaf = random();
    if (leaf < 0.35) return pick(FUZZ_NUMBERS);
    if (leaf < 0.5) return Math.floor(random() * 200_000) - 100;
    if (leaf < 0.8) return pick(FUZZ_STRINGS);
    if (leaf < 0.9) return null;
    if (leaf < 0.95) return random() < 0.5;
    return undefined;
  }
  if (roll < 0.5) return Array.from({ length: Math.floor(random() * 6) }, () => fuzzValue(random, depth - 1));
  // Built with JSON.parse so "__proto__" becomes an own key, as it would arriving over IPC or a WebSocket.
  const entries = Array.from({ length: Math.floor(random() * 5) }, () => [
    pick(FUZZ_KEYS),
    fuzzValue(random, depth - 1),
  ]);
  const json = `{${entries
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`)
    .join(',')}}`;
  return JSON.parse(json) as unknown;
}

/** Mostly request-shaped junk: a real scenario, with random params, models and pool. */
function fuzzRequest(random: () => number): unknown {
  if (random() < 0.25) return fuzzValue(random, 3);
  const request: Record<string, unknown> = {
    scenario:
      random() < 0.85 ? SCENARIO_IDS[Math.floor(random() * SCENARIO_IDS.length)] : fuzzValue(random, 1),
  };
  if (random() < 0.7) request.params = fuzzValue(random, 2);
  if (random() < 0.5)
    request.models = random() < 0.6 ? MODEL_IDS.filter(() => random() < 0.5) : fuzzValue(random, 2);
  if (random() < 0.5) request.pool = fuzzValue(random, 2);
  if (random() < 0.1) request[FUZZ_KEYS[Math.floor(random() * FUZZ_KEYS.length)]!] = fuzzValue(random, 1);
  // Round-trip through JSON so prototype-looking keys are own keys, as over IPC.
  return random() < 0.5 ? (JSON.parse(JSON.stringify(request)) as unknown) : request;
}

/** Why an accepted value is malformed, or null when it is well formed. */
function malformation(value: {
  scenario: string;
  params: Readonly<Record<string, number>>;
  models: readonly string[];
  pool: Readonly<Record<string, number | undefined>>;
}): string | null {
  const scenario = SCENARIOS.find((s) => s.id === value.scenario);
  if (!scenario) return `unknown scenario ${value.scenario}`;
  if (Object.getPrototypeOf(value.params) !== Object.prototype) return 'params has an odd prototype';
  if (Object.getPrototypeOf(value.pool) !== Object.prototype) return 'pool has an odd prototype';
  for (const [key, n] of Object.entries(value.params)) {
    const knob = scenario.knobs.find((k) => k.key === key);
    if (!knob) return `params.${key} is not a knob of ${scenario.id}`;
    if (typeof n !== 'number' || !(n >= knob.min && n <= knob.max))
      return `params.${key} = ${n} out of range`;
    if (knob.integer && !Number.isInteger(n)) return `params.${key} = ${n} is not an integer`;
  }
  for (const [key, n] of Object.entries(value.pool)) {
    const knob = Object.values(POOL_KNOBS).find((k) => k.key === key);
    if (!knob) return `pool.${key} is not a pool setting`;
    if (typeof n !== 'number' || !(n >= knob.min && n <= knob.max)) return `pool.${key} = ${n} out of range`;
  }
  if (value.models.length === 0 || new Set(value.models).size !== value.models.length) return 'bad models';
  if (!value.models.every((m) => (MODEL_IDS as readonly string[]).includes(m))) return 'unknown model';
  return null;
}

describe('validateRunRequest: fuzz', () => {
  it('never throws on 2000 random JSON-ish inputs; every answer is well formed', () => {
    const random = mulberry32(20_251_121);
    const problems: string[] = [];
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const input = fuzzRequest(random);
      let result: ReturnType<typeof validateRunRequest>;
      try {
        result = validateRunRequest(input);
      } catch (error) {
        problems.push(`#${i} threw ${String(error)} for ${JSON.stringify(input)}`);
        continue;
      }
      if (result.ok) {
        accepted++;
        const why = malformation(result.value);
        if (why) problems.push(`#${i} accepted with ${why}: ${JSON.stringify(input)}`);
      } else {
        if (result.issues.length === 0) problems.push(`#${i} rejected without issues`);
        for (const issue of result.issues) {
          if (
            typeof issue.field !== 'string' ||
            issue.field === '' ||
            typeof issue.message !== 'string' ||
            issue.message === ''
          )
            problems.push(`#${i} issue without field or message: ${JSON.stringify(issue)}`);
          if (issue.flag !== undefined && !/^--[a-z][a-z-]*$/.test(issue.flag))
            problems.push(`#${i} issue with a malformed flag ${issue.flag}: ${JSON.stringify(input)}`);
          if (/(from|to) (undefined|NaN)|\[object/.test(issue.message))
            problems.push(`#${i} garbled message "${issue.message}": ${JSON.stringify(input)}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // The generator must reach both branches, or the fuzz proves little.
    expect(accepted).toBeGreaterThan(50);
    expect(accepted).toBeLessThan(1950);
  });
});

describe('formatIssue', () => {
  const issue: RequestIssue = {
    field: 'params.tasks',
    flag: '--tasks',
    message: 'must be an integer from 1 to 10',
  };

  it('names the flag in flag style', () => {
    expect(formatIssue(issue, 'flag')).toBe('--tasks must be an integer from 1 to 10');
  });

  it('names the field in field style', () => {
    expect(formatIssue(issue, 'field')).toBe('params.tasks must be an integer from 1 to 10');
  });

  it('falls back to the field in flag style when there is no flag', () => {
    expect(formatIssue({ field: 'models', message: 'must not name a model twice' }, 'flag')).toBe(
      'models must not name a model twice',
    );
  });

  it('formats a real issue from the validator as the CLI prints it', () => {
    const issue = issueFor({ scenario: 'io-sleep', pool: { threads: 0 } }, 'pool.threads');
    expect(formatIssue(issue, 'flag')).toBe('--threads must be an integer from 1 to 128');
    expect(formatIssue(issue, 'field')).toBe('pool.threads must be an integer from 1 to 128');
  });
});

describe('resolveParams', () => {
  it.each(SCENARIO_IDS)('fills every knob default of %s', (id) => {
    const knobs = SCENARIOS.find((s) => s.id === id)!.knobs;
    const resolved = resolveParams(id, {});
    expect(Object.keys(resolved).sort()).toEqual(knobs.map((k) => k.key).sort());
    for (const knob of knobs) expect(resolved[knob.key]).toBe(knob.default);
  });

  it('keeps given values, including zero, and fills the rest', () => {
    expect(resolveParams('http-requests', { tasks: 3, latencyMs: 0 })).toEqual({
      tasks: 3,
      latencyMs: 0,
      bytes: 1024,
      jitterMs: 0,
      failureRate: 0,
    });
  });

  it('leaves out keys that are not knobs of the scenario', () => {
    expect(resolveParams('io-sleep', { tasks: 2, latencyMs: 9 })).toEqual({ tasks: 2, taskMs: 2000 });
  });
});
