/** The system slice: the last minute of main-process stats, and the renderer's own frame times. */
import type { SystemStats } from '../../../shared/views';
import type { LabSliceCreator, LabState } from './lab-store';

/** How many samples the strip keeps (about one a second). */
export const SYSTEM_SAMPLES_KEPT = 60;

/** Frame times of this page over the last second or so, ms. */
export interface FrameStats {
  readonly p95: number;
  readonly max: number;
  readonly frames: number;
}

/** The system strip's state and events. */
export interface SystemSlice {
  readonly system: {
    readonly samples: readonly SystemStats[];
    readonly frames: FrameStats | null;
  };
  systemSampled(stats: SystemStats): void;
  framesMeasured(stats: FrameStats): void;
}

/** Creates the system slice. */
export const createSystemSlice: LabSliceCreator<SystemSlice> = (set) => ({
  system: { samples: [], frames: null },
  systemSampled: (stats) =>
    set((s) => ({
      system: { ...s.system, samples: [...s.system.samples, stats].slice(-SYSTEM_SAMPLES_KEPT) },
    })),
  framesMeasured: (frames) => set((s) => ({ system: { ...s.system, frames } })),
});

/** The newest sample, if any. */
export const selectLatestStats = (s: LabState): SystemStats | undefined => s.system.samples.at(-1);

/** The kept samples, oldest first. */
export const selectStatsSamples = (s: LabState): readonly SystemStats[] => s.system.samples;

/** The highest event-loop p99 of the kept samples, ms. */
export function selectWorstDelay(s: LabState): number {
  return s.system.samples.reduce((worst, sample) => Math.max(worst, sample.eventLoopDelay.p99), 0);
}

/**
 * The largest event-loop delay max among the samples that arrived after `before` was taken (a job's
 * window), or null when none arrived.
 */
export function delayMaxSince(before: readonly SystemStats[], after: readonly SystemStats[]): number | null {
  const seen = new Set(before);
  const arrived = after.filter((sample) => !seen.has(sample));
  if (arrived.length === 0) return null;
  return arrived.reduce((worst, sample) => Math.max(worst, sample.eventLoopDelay.max), 0);
}
