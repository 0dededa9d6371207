/**
 * A seeded generator of requests that are wrong on purpose, for the fuzz tests of the IPC and
 * WebSocket validation: each starts from a valid request of a channel and breaks it in one way that
 * its schema must refuse — a value of the wrong type or out of range, an unknown or reserved key,
 * a payload of the wrong shape, an unknown channel — so every one must get a typed error.
 */
import { seededRandom } from '../shared/hashing';
import type { InvokeChannel } from '../shared/ipc';
import { POOL_KNOBS, type KnobSpec } from '../shared/knobs';
import { DATA_PASSING_KNOBS } from '../shared/lessons/data-passing';
import { DEADLOCK_KNOBS, DEADLOCK_STRATEGIES } from '../shared/lessons/deadlock';
import { OUTGROWING_KNOBS } from '../shared/lessons/outgrowing-one-machine';
import { PIPELINE_KNOBS } from '../shared/lessons/pipeline';
import { RACE_KNOBS, RACE_MODES } from '../shared/lessons/race-condition';
import { MODEL_IDS } from '../shared/models';
import { JOB_KNOBS } from '../shared/responsiveness';
import { SCENARIOS, SCENARIO_IDS } from '../shared/scenarios';
import { TIMELINE_MAX_COLUMNS, TIMELINE_TASKS_LIMIT } from '../shared/timeline';

/** What a field holds, so that a value it must refuse can be made. */
type Field =
  | { readonly kind: 'knob'; readonly spec: Pick<KnobSpec, 'min' | 'max' | 'integer'> }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'uuid'; readonly nullable?: boolean }
  /** A lower-case slug of at most 40 characters (a view or lesson id). */
  | { readonly kind: 'slug'; readonly nullable?: boolean }
  | { readonly kind: 'bool' }
  /** Any text up to 200 characters (a listed id, damaged or not): only other values are refused. */
  | { readonly kind: 'text' }
  | { readonly kind: 'list'; readonly of: Field }
  | { readonly kind: 'record'; readonly fields: Readonly<Record<string, Field>> };

/** A channel's valid request, and the fields a mutation may break. */
interface ChannelShape {
  readonly valid: Readonly<Record<string, unknown>> | null;
  readonly fields: Readonly<Record<string, Field>>;
}

const UUID = '00000000-0000-4000-8000-0000000000aa';
const knob = (spec: Pick<KnobSpec, 'min' | 'max' | 'integer'>): Field => ({ kind: 'knob', spec });
const ioSleep = SCENARIOS.find((s) => s.id === 'io-sleep')!;
const poolFields = Object.fromEntries(Object.values(POOL_KNOBS).map((k) => [k.key, knob(k)]));
const ioParams = Object.fromEntries(ioSleep.knobs.map((k) => [k.key, knob(k)]));
/** A time on a model's timeline: 0 to a day, in ms, fractions allowed. */
const TIMELINE_MS = { min: 0, max: 86_400_000, integer: false };

/** Every channel, valid request first. Only requests are made that their schema refuses: nothing ever starts. */
const SHAPES: Readonly<Record<InvokeChannel, ChannelShape>> = {
  'lab:catalog': { valid: null, fields: {} },
  'run:start': {
    valid: { scenario: 'io-sleep', params: { tasks: 1, taskMs: 1 }, models: ['sequential'], pool: {} },
    fields: {
      scenario: { kind: 'enum', values: SCENARIO_IDS },
      models: { kind: 'list', of: { kind: 'enum', values: MODEL_IDS } },
      params: { kind: 'record', fields: ioParams },
      pool: { kind: 'record', fields: poolFields },
    },
  },
  'run:cancel': { valid: { runId: UUID }, fields: { runId: { kind: 'uuid' } } },
  'run:export': {
    valid: { runId: UUID, format: 'csv' },
    fields: { runId: { kind: 'uuid' }, format: { kind: 'enum', values: ['csv', 'json'] } },
  },
  'history:list': { valid: null, fields: {} },
  'history:open': { valid: { runId: UUID }, fields: { runId: { kind: 'uuid' } } },
  'history:open-lesson': { valid: { runId: UUID }, fields: { runId: { kind: 'uuid' } } },
  'job:plan': { valid: { durationMs: 100 }, fields: { durationMs: knob(JOB_KNOBS.durationMs) } },
  'job:run': {
    valid: { placement: 'process', durationMs: 100, chunkMs: 5 },
    fields: {
      placement: { kind: 'enum', values: ['process'] },
      durationMs: knob(JOB_KNOBS.durationMs),
      chunkMs: knob(JOB_KNOBS.chunkMs),
    },
  },
  'job:async-trap': {
    valid: { blocking: false, sleepMs: 100 },
    fields: { blocking: { kind: 'bool' }, sleepMs: knob(JOB_KNOBS.sleepMs) },
  },
  'python:source': {
    valid: { model: 'py-threads', scenario: 'io-sleep' },
    fields: {
      model: { kind: 'enum', values: MODEL_IDS.filter((id) => id.startsWith('py-')) },
      scenario: { kind: 'enum', values: SCENARIO_IDS },
    },
  },
  'gil:switch-interval': {
    valid: { switchIntervalMs: 5 },
    fields: { switchIntervalMs: knob(POOL_KNOBS.switchIntervalMs) },
  },
  'history:delete': {
    valid: { runIds: [UUID] },
    // Any text is an id here (a damaged run's may not be a UUID): only other items are refused.
    fields: { runIds: { kind: 'list', of: { kind: 'text' } } },
  },
  'history:compare': {
    valid: { runIds: [UUID, UUID] },
    fields: { runIds: { kind: 'list', of: { kind: 'uuid' } } },
  },
  'history:export': {
    valid: { runIds: [UUID], format: 'json' },
    fields: { runIds: { kind: 'list', of: { kind: 'uuid' } }, format: { kind: 'enum', values: ['json'] } },
  },
  'lesson:race-condition': {
    valid: { workers: 2, increments: 10, modes: ['atomic'] },
    fields: {
      workers: knob(RACE_KNOBS.workers),
      increments: knob(RACE_KNOBS.increments),
      modes: { kind: 'list', of: { kind: 'enum', values: RACE_MODES } },
      gilThreads: { kind: 'bool' },
      switchIntervalMs: knob(RACE_KNOBS.switchIntervalMs),
    },
  },
  'lesson:data-passing': {
    valid: { repeats: 1 },
    fields: {
      sizes: { kind: 'list', of: knob(DATA_PASSING_KNOBS.bytes) },
      repeats: knob(DATA_PASSING_KNOBS.repeats),
      latencySamples: knob(DATA_PASSING_KNOBS.latencySamples),
    },
  },
  'lesson:pipeline': {
    valid: { items: 10 },
    fields: {
      items: knob(PIPELINE_KNOBS.items),
      capacity: knob(PIPELINE_KNOBS.capacity),
      consumers: knob(PIPELINE_KNOBS.consumers),
      carrier: { kind: 'enum', values: ['threads', 'processes'] },
      roundsPerItem: knob(PIPELINE_KNOBS.roundsPerItem),
    },
  },
  'lesson:deadlock': {
    valid: { pauseMs: 20 },
    fields: {
      pauseMs: knob(DEADLOCK_KNOBS.pauseMs),
      reportAfterMs: knob(DEADLOCK_KNOBS.reportAfterMs),
      giveUpAfterMs: knob(DEADLOCK_KNOBS.giveUpAfterMs),
      strategies: { kind: 'list', of: { kind: 'enum', values: DEADLOCK_STRATEGIES } },
    },
  },
  'lesson:outgrowing-one-machine': {
    valid: { tasks: 4 },
    fields: {
      tinyTasks: knob(OUTGROWING_KNOBS.tinyTasks),
      tasks: knob(OUTGROWING_KNOBS.tasks),
      sizesMs: { kind: 'list', of: knob(OUTGROWING_KNOBS.taskMs) },
      maxWorkers: knob(OUTGROWING_KNOBS.maxWorkers),
    },
  },
  'lesson:cancel': { valid: null, fields: {} },
  'room:state': { valid: null, fields: {} },
  'room:screen': {
    valid: { view: 'race', lesson: 'deadlock', run: null, runForm: null, lessonRun: null },
    fields: {
      view: { kind: 'slug' },
      lesson: { kind: 'slug' },
      run: { kind: 'uuid', nullable: true },
      runForm: { kind: 'slug', nullable: true },
      lessonRun: { kind: 'uuid', nullable: true },
    },
  },
  'timeline:tasks': {
    valid: { runId: UUID, model: 'threads', lane: 0, fromMs: 0, toMs: 10, limit: 5 },
    fields: {
      runId: { kind: 'uuid' },
      model: { kind: 'enum', values: MODEL_IDS },
      fromMs: knob(TIMELINE_MS),
      toMs: knob(TIMELINE_MS),
      limit: knob({ min: 1, max: TIMELINE_TASKS_LIMIT, integer: true }),
    },
  },
  'timeline:window': {
    valid: { runId: UUID, model: 'threads', fromMs: 0, toMs: 10, columns: 800, lanes: [0, 1] },
    fields: {
      runId: { kind: 'uuid' },
      model: { kind: 'enum', values: MODEL_IDS },
      fromMs: knob(TIMELINE_MS),
      toMs: knob(TIMELINE_MS),
      columns: knob({ min: 1, max: TIMELINE_MAX_COLUMNS, integer: true }),
      lanes: { kind: 'list', of: knob({ min: 0, max: 1_000_000, integer: true }) },
    },
  },
  'cluster:state': { valid: null, fields: {} },
  'cluster:stop': { valid: null, fields: {} },
  // Only refused values are made: starting or connecting for real never happens here.
  'cluster:start': {
    valid: { host: '127.0.0.1', port: 0 },
    fields: { port: knob({ min: 0, max: 65535, integer: true }) },
  },
  'cluster:connect': {
    valid: { url: 'nats://127.0.0.1:4222' },
    fields: { url: { kind: 'enum', values: ['nats://127.0.0.1:4222'] } },
  },
};

/** One request that must be refused, and what was broken. */
export interface FuzzRequest {
  readonly channel: unknown;
  readonly payload: unknown;
  readonly broken: string;
}

/** Values only Electron's structured clone can carry (a WebSocket's JSON cannot). */
const CLONE_ONLY: readonly (() => unknown)[] = [
  () => NaN,
  () => Infinity,
  () => 5n,
  () => new Date(0),
  () => new Map([['tasks', 1]]),
  () => new Set([1]),
  () => new Uint8Array(4),
];

/** Creates the generator; `cloneValues` adds values IPC can carry and JSON cannot. */
export function fuzzRequests(
  seed: number,
  options: { readonly cloneValues?: boolean } = {},
): () => FuzzRequest {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const channels = Object.keys(SHAPES) as InvokeChannel[];

  const badValue = (field: Field): unknown => {
    const wrongType = pick<unknown>([
      '12',
      true,
      [],
      {},
      ...(options.cloneValues ? [pick(CLONE_ONLY)()] : []),
    ]);
    switch (field.kind) {
      case 'knob': {
        const { min, max, integer } = field.spec;
        const choices: unknown[] = [
          wrongType,
          max + 1 + Math.floor(random() * max),
          min - 1 - random(),
          -1e308,
          1e308,
        ];
        if (integer && min + 0.5 <= max) choices.push(min + 0.5);
        return pick(choices);
      }
      case 'enum':
        return pick([
          `not-${pick(field.values)}`,
          7,
          null,
          wrongType,
          pick(field.values).toUpperCase() + '!',
        ]);
      case 'uuid':
        return pick(['not-a-uuid', `${UUID}0`, '', 42, wrongType, ...(field.nullable ? [] : [null])]);
      case 'slug':
        // Not the generic wrong type: '12' is a slug.
        return pick([
          'Not A Slug',
          '-a',
          'a--b',
          'x'.repeat(41),
          '',
          7,
          true,
          [],
          ...(field.nullable ? [] : [null]),
        ]);
      case 'bool':
        return pick(['true', 1, 0, null, [], {}]);
      case 'text':
        return pick([7, null, [], {}, '', 'x'.repeat(201)]);
      case 'list':
        return pick<unknown>([[], 'x', 3, [badValue(field.of)], { 0: 'x' }]);
      case 'record': {
        const [key, inner] = pick(Object.entries(field.fields));
        return { [key]: badValue(inner) };
      }
    }
  };

  const mutate = (channel: InvokeChannel): FuzzRequest => {
    const { valid, fields } = SHAPES[channel];
    const roll = random();
    if (valid === null) {
      const payload = pick<unknown>([{}, [], 0, 'x', { runId: UUID }, true]);
      return { channel, payload, broken: 'a payload where none is taken' };
    }
    const names = Object.keys(fields);
    if (roll < 0.55 && names.length > 0) {
      const name = pick(names);
      return {
        channel,
        payload: { ...valid, [name]: badValue(fields[name]!) },
        broken: `${name}: a refused value`,
      };
    }
    if (roll < 0.7) {
      const key = pick(['bogus', 'constructor', 'prototype', 'toString', '__proto__', '']);
      // JSON.parse makes "__proto__" an own key, as it arrives over IPC or a WebSocket.
      const payload = JSON.parse(`{${JSON.stringify(key)}:1,${JSON.stringify(valid).slice(1)}`) as unknown;
      return { channel, payload, broken: `an unknown top-level key "${key}"` };
    }
    if (roll < 0.8 && channel === 'run:start') {
      const where = pick(['params', 'pool']);
      const key = pick(['__proto__', 'constructor', 'nope']);
      const inner = JSON.parse(`{${JSON.stringify(key)}:{"tasks":0}}`) as unknown;
      return { channel, payload: { ...valid, [where]: inner }, broken: `a reserved key in ${where}` };
    }
    if (roll < 0.93)
      return {
        channel,
        payload: pick<unknown>([null, 0, 'x', [], true, [valid]]),
        broken: 'a payload of the wrong shape',
      };
    return {
      channel: pick<unknown>([
        `${channel}!`,
        channel.toUpperCase(),
        '',
        7,
        null,
        'lab:*',
        '__proto__',
        'x'.repeat(300),
      ]),
      payload: valid,
      broken: 'an unknown channel',
    };
  };

  return () => mutate(pick(channels));
}

/** Envelopes a WebSocket server must refuse before any channel is looked at: text, binary, JSON of every wrong shape. */
export function brokenFrames(
  seed: number,
): () => { readonly frame: string | Buffer; readonly broken: string } {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const valid = { type: 'invoke', id: 1, channel: 'lab:catalog', payload: null };
  return () => {
    const roll = random();
    if (roll < 0.15)
      return { frame: pick(['{', 'nope', '{"type":', '\u0000', ']', '{}}']), broken: 'not JSON' };
    if (roll < 0.25)
      return { frame: Buffer.from([0, 1, 2, Math.floor(random() * 256)]), broken: 'a binary frame' };
    if (roll < 0.35)
      return { frame: JSON.stringify(pick<unknown>([1, [], null, 'x', true])), broken: 'not an object' };
    if (roll < 0.55) {
      const key = pick(['type', 'id', 'channel'] as const);
      const bad = {
        type: ['reply', 'event', 7, null],
        id: [-1, 1.5, 2 ** 31, '1', null],
        channel: [7, null, 'x'.repeat(101), []],
      }[key];
      return { frame: JSON.stringify({ ...valid, [key]: pick<unknown>(bad) }), broken: `a bad ${key}` };
    }
    if (roll < 0.7) {
      const key = pick(['type', 'id', 'channel'] as const);
      const { [key]: _dropped, ...rest } = valid;
      return { frame: JSON.stringify(rest), broken: `no ${key}` };
    }
    if (roll < 0.8)
      return { frame: JSON.stringify({ ...valid, extra: 1 }), broken: 'an unknown envelope key' };
    // Deep nesting inside a payload: parsed, then refused by the channel's schema.
    const depth = 1 + Math.floor(random() * 500);
    return {
      frame: `{"type":"invoke","id":1,"channel":"run:start","payload":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      broken: 'a deeply nested payload',
    };
  };
}
