/** The responsiveness lab: where a CPU job can run, what each press measures, and the verdict. */
import type { KnobSpec } from './knobs';

/** Every place an Electron app can run a CPU job. */
export const JOB_PLACEMENTS = [
  'renderer-thread',
  'web-worker',
  'main-thread',
  'main-thread-chunked',
  'worker-thread',
  'process',
] as const;

/** One of the places a job can run. */
export type JobPlacement = (typeof JOB_PLACEMENTS)[number];

/** Placements the engine runs (the other two run in the page). */
export type EngineJobPlacement = Extract<
  JobPlacement,
  'main-thread' | 'main-thread-chunked' | 'worker-thread' | 'process'
>;

/** The job, sized on this machine: count primes in [start, end), which hold `expected` primes. */
export interface JobPlan {
  readonly durationMs: number;
  readonly start: number;
  readonly end: number;
  readonly expected: number;
}

/** What the engine measured of a job it ran. */
export interface EngineJobResult {
  readonly placement: EngineJobPlacement;
  /** Epoch ms, on the engine's clock. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly count: number;
  readonly ok: boolean;
  /** Longest the main process's event loop was late during the job (lateness, not interval), ms. */
  readonly mainLoopDelayMaxMs: number;
}

/** One task of the async-trap demonstration, times in ms since the demonstration started. */
export interface TrapTask {
  readonly task: number;
  readonly label: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** The async trap: four tasks polling I/O on one event loop, and one that sleeps. */
export interface AsyncTrapResult {
  readonly blocking: boolean;
  readonly sleepMs: number;
  readonly tasks: readonly TrapTask[];
  /** When the last of the polling tasks finished, ms since the start. */
  readonly pollersDoneMs: number;
}

/** How a press felt. */
export type Responsiveness = 'froze' | 'stuttered' | 'smooth';

/** A gap this long is a freeze: the user sees a stuck app. */
export const FROZE_MS = 1000;
/** Under this, nobody notices (the RAIL model's 100 ms response budget, with room for jitter). */
export const SMOOTH_MS = 150;

/**
 * The verdict of a press from what was measured: the longest gap between the page's animation frames,
 * and the longest stall of the main process's event loop (in Electron, a stalled main process is a
 * window that stops responding even if the page still paints).
 */
export function responsivenessVerdict(
  longestFrameGapMs: number,
  mainLoopDelayMaxMs: number | null,
): Responsiveness {
  const worst = Math.max(longestFrameGapMs, mainLoopDelayMaxMs ?? 0);
  if (worst >= FROZE_MS) return 'froze';
  if (worst >= SMOOTH_MS) return 'stuttered';
  return 'smooth';
}

/** The lab's settings, with their ranges (the same wording as every other knob). */
export const JOB_KNOBS = {
  durationMs: {
    key: 'durationMs',
    flag: 'duration',
    label: 'Job time',
    unit: 'ms',
    min: 100,
    max: 30_000,
    integer: true,
    default: 3000,
    help: 'How long the CPU job takes on this machine (counting primes, checked).',
  },
  chunkMs: {
    key: 'chunkMs',
    flag: 'chunk',
    label: 'Yield every',
    unit: 'ms',
    min: 1,
    max: 1000,
    integer: true,
    default: 10,
    help: 'The chunked job hands the main thread back this often.',
  },
  sleepMs: {
    key: 'sleepMs',
    flag: 'sleep',
    label: 'Sleep',
    unit: 'ms',
    min: 100,
    max: 10_000,
    integer: true,
    default: 1000,
    help: 'How long the one sleeping task of the async trap sleeps.',
  },
} as const satisfies Record<string, KnobSpec>;
