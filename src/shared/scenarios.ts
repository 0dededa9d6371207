/** The scenario catalogue: ids, lessons and knobs. The engine implements each one; the UI and CLI list them. */
import { formatKnobNumber, type KnobSpec } from './knobs';

/** Scenario ids are fixed: the UI, the CLI, the tests and the docs use them. */
export const SCENARIO_IDS = [
  'io-sleep',
  'cpu-wordcount',
  'http-requests',
  'cpu-sum-squares',
  'cpu-primes',
  'image-batch',
  'matrix-inverse',
] as const;

/** One of the built-in scenarios. */
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** What bounds a scenario's tasks: waiting (I/O) or computing (CPU). */
export type ScenarioKind = 'io' | 'cpu';

/** A scenario as the UI and CLI present it. */
export interface ScenarioInfo {
  readonly id: ScenarioId;
  readonly title: string;
  readonly kind: ScenarioKind;
  /** One line: what running it under every model shows. */
  readonly lesson: string;
  readonly knobs: readonly KnobSpec[];
  /**
   * For a CPU-bound scenario whose tasks also wait, what they wait for ("each task reads its file
   * before counting it"): models that overlap waits gain there, which the claims name as a cause.
   */
  readonly waitsToo?: string;
  /**
   * Why its tasks can run only on the lab's machine, when they can: the distributed model then gives
   * them to its local workers alone, and workers that joined from other machines sit the run out.
   */
  readonly localOnly?: string;
}

function tasksKnob(defaultValue: number, max: number, help: string): KnobSpec {
  return {
    key: 'tasks',
    flag: 'tasks',
    label: 'Tasks',
    min: 1,
    max,
    integer: true,
    default: defaultValue,
    help,
  };
}

function taskMsKnob(defaultValue: number, max: number, help: string): KnobSpec {
  return {
    key: 'taskMs',
    flag: 'task-ms',
    label: 'Task time',
    unit: 'ms',
    min: 1,
    max,
    integer: true,
    default: defaultValue,
    help,
  };
}

/** Every scenario, in the order menus list them. */
export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'io-sleep',
    title: 'Simulated I/O waits',
    kind: 'io',
    lesson:
      'Waiting overlaps under every concurrent model, even under the GIL: 10 waits of 2 s take about 2 s, not 20.',
    knobs: [
      tasksKnob(10, 100_000, 'How many simulated I/O waits.'),
      taskMsKnob(2000, 60_000, 'How long each wait lasts.'),
    ],
  },
  {
    id: 'cpu-wordcount',
    title: 'Word counts of text files',
    kind: 'cpu',
    lesson:
      'Counting words is computing: only threads and processes use more than one core; async and the GIL do not help.',
    waitsToo: 'each task reads its file before counting its words',
    localOnly:
      'its tasks read text files generated on the lab machine, which workers on other machines cannot open',
    knobs: [
      tasksKnob(10, 1000, 'How many text files to generate and count.'),
      taskMsKnob(
        300,
        10_000,
        'File size is calibrated so counting one file costs about this much CPU on this machine.',
      ),
    ],
  },
  {
    id: 'http-requests',
    title: 'HTTP requests to a slow server',
    kind: 'io',
    lesson:
      'Many slow connections: async overlaps them all on one thread; pools overlap only as many as they have workers.',
    localOnly:
      "its latency server listens on the lab machine's loopback only (a server without authentication never leaves it)",
    knobs: [
      tasksKnob(1000, 100_000, 'How many GET requests to the embedded latency server.'),
      {
        key: 'latencyMs',
        flag: 'latency-ms',
        label: 'Server latency',
        unit: 'ms',
        min: 0,
        max: 10_000,
        integer: true,
        default: 50,
        help: 'How long the server waits before answering each request.',
      },
      {
        key: 'bytes',
        flag: 'bytes',
        label: 'Response size',
        unit: 'bytes',
        min: 0,
        max: 10_000_000,
        integer: true,
        default: 1024,
        help: 'Size of each response body.',
      },
      {
        key: 'jitterMs',
        flag: 'jitter-ms',
        label: 'Latency jitter',
        unit: 'ms',
        min: 0,
        max: 10_000,
        integer: true,
        default: 0,
        help: 'Extra random delay per request, from 0 to this (fixed per request).',
      },
      {
        key: 'failureRate',
        flag: 'failure-rate',
        label: 'Failure rate',
        min: 0,
        max: 1,
        integer: false,
        default: 0,
        help: 'Share of requests the server answers with HTTP 500 (the same requests for every model).',
      },
    ],
  },
  {
    id: 'cpu-sum-squares',
    title: 'Sum of squares',
    kind: 'cpu',
    lesson:
      'Pure arithmetic split into chunks: speedup follows the cores under threads and processes, and stays at 1x under the GIL.',
    knobs: [
      tasksKnob(8, 100_000, 'How many chunks the range is split into.'),
      taskMsKnob(300, 10_000, 'Each chunk is sized to cost about this much CPU on this machine.'),
    ],
  },
  {
    id: 'cpu-primes',
    title: 'Count primes',
    kind: 'cpu',
    lesson:
      'Trial division over ranges: the classic multiprocessing demo; threads do it too here, because JavaScript has no GIL.',
    knobs: [
      tasksKnob(8, 100_000, 'How many ranges to count primes in.'),
      taskMsKnob(300, 10_000, 'Each range is sized to cost about this much CPU on this machine.'),
    ],
  },
  {
    id: 'image-batch',
    title: 'Batch image processing',
    kind: 'cpu',
    lesson:
      'Grayscale and blur on generated images: parallel CPU work whose inputs and outputs are big, so copying data costs.',
    knobs: [
      tasksKnob(8, 1000, 'How many images.'),
      {
        key: 'imageSize',
        flag: 'image-size',
        label: 'Image size',
        unit: 'px',
        min: 16,
        max: 2048,
        integer: true,
        default: 512,
        help: 'Width and height of each square RGBA image.',
      },
      {
        key: 'blurRadius',
        flag: 'blur-radius',
        label: 'Blur radius',
        unit: 'px',
        min: 1,
        max: 20,
        integer: true,
        default: 4,
        help: 'Radius of the box blur applied after grayscale.',
      },
    ],
  },
  {
    id: 'matrix-inverse',
    title: 'Matrix inversion',
    kind: 'cpu',
    lesson:
      'Dense floating-point work (Gauss-Jordan, O(n^3)): every answer is checked by A times its inverse being the identity.',
    knobs: [
      tasksKnob(8, 1000, 'How many random matrices to invert.'),
      {
        key: 'matrixSize',
        flag: 'matrix-size',
        label: 'Matrix size',
        unit: 'n',
        min: 2,
        max: 800,
        integer: true,
        default: 200,
        help: 'Each matrix is n x n.',
      },
    ],
  },
];

/** Type guard for scenario ids arriving from outside. */
export function isScenarioId(value: unknown): value is ScenarioId {
  return typeof value === 'string' && (SCENARIO_IDS as readonly string[]).includes(value);
}

/** The catalogue entry of a scenario. */
export function scenarioInfo(id: ScenarioId): ScenarioInfo {
  const info = SCENARIOS.find((s) => s.id === id);
  if (!info) throw new Error(`unknown scenario ${id}`);
  return info;
}

/** A run's scenario knobs as [CLI flag, value] pairs, in the catalogue's order ("tasks", "10"). */
export function paramFlags(
  scenario: string,
  params: Readonly<Record<string, number>>,
): (readonly [string, string])[] {
  const knobs = SCENARIOS.find((s) => s.id === scenario)?.knobs ?? [];
  const known = knobs
    .filter((k) => k.key in params)
    .map((k) => [k.flag, formatKnobNumber(params[k.key] ?? 0)] as const);
  const unknown = Object.entries(params)
    .filter(([key]) => !knobs.some((k) => k.key === key))
    .map(([key, value]) => [key, formatKnobNumber(value)] as const);
  return [...known, ...unknown];
}

/** The knobs in words, as the CLI spells them: "tasks=10, task-ms=500". */
export function describeParams(scenario: string, params: Readonly<Record<string, number>>): string {
  return paramFlags(scenario, params)
    .map(([flag, value]) => `${flag}=${value}`)
    .join(', ');
}
