/**
 * How busy the machine was with other work around a run, and the one rule for when that makes the
 * run's numbers unreliable. The engine measures (engine/system/cpu-load.ts); this file judges, so the
 * result, the verdict, the claims, the exports and the history all say the same thing.
 */
import { formatPercent } from './format';

/** Other processes' CPU over one stretch of time around a run. */
export interface LoadWindow {
  /** The stretch: `before` (the second before the run started), a model's id while it ran, or `lesson`. */
  readonly during: string;
  /** CPU used by everything but the lab (and its workers), percent of the whole machine: 50 is one core of two. */
  readonly otherCpuPercent: number;
  /** How long the stretch lasted, ms. */
  readonly ms: number;
}

/** What the engine measured of the machine around a run: the second before it, and each model's run. */
export interface MachineLoad {
  readonly windows: readonly LoadWindow[];
  /**
   * The kind of work the run did, when known: waiting (I/O) work needs little CPU, so it is judged by
   * the I/O threshold; computing, lessons and runs saved before this was kept, by the CPU one.
   */
  readonly work?: 'cpu' | 'io';
}

/**
 * The busy-machine rule. Every model is measured as if it had the whole machine, and the claims
 * ask a parallel model for 80% of its ideal speedup: once other processes take more than a fifth of
 * the machine, a computing model can miss that for reasons that have nothing to do with the model.
 * Waiting work uses little CPU: the lab's own window drawing the race live (a browser on the same
 * machine takes about a fifth of two cores) does not delay it; only when other processes leave it
 * less than a fifth of the machine can they delay the tasks' bookkeeping enough to show.
 */
export const BUSY_MACHINE_RULE = {
  /** Other processes' CPU, percent of all cores, above which the machine was busy for computing. */
  otherCpuPercent: 20,
  /** The same for waiting (I/O) work. */
  ioOtherCpuPercent: 80,
  /** Stretches shorter than this are too short to judge (the OS counts CPU time in 10 ms ticks). */
  minWindowMs: 200,
} as const;

/** The rule in one sentence, for the README, tooltips and exports. */
export const BUSY_MACHINE_RULE_TEXT = `the machine counts as busy when other processes used more than ${BUSY_MACHINE_RULE.otherCpuPercent}% of its CPU (all cores; ${BUSY_MACHINE_RULE.ioOtherCpuPercent}% for waiting work) in the second before the run or while any model ran`;

/** The threshold a run's load is judged by: percent of the machine. */
export function busyThreshold(load: MachineLoad): number {
  return load.work === 'io' ? BUSY_MACHINE_RULE.ioOtherCpuPercent : BUSY_MACHINE_RULE.otherCpuPercent;
}

/** A run the rule calls busy: the worst stretch and how to say it. */
export interface BusyMachine {
  readonly worst: LoadWindow;
  /** Why the run's numbers are not judged, after "not judged: ": "the machine was busy (…)". */
  readonly reason: string;
  /** The notice on the result, in the verdict, exports and history. */
  readonly notice: string;
}

/** When a stretch was, in words: "in the second before the run", "while threads ran". */
export function describeWindow(window: LoadWindow): string {
  if (window.during === 'before') return 'in the second before the run';
  if (window.during === 'lesson') return 'while the lesson ran';
  return `while ${window.during} ran`;
}

/** The busiest stretch long enough to judge, if any. */
function busiest(load: MachineLoad): LoadWindow | undefined {
  return load.windows
    .filter((window) => window.ms >= BUSY_MACHINE_RULE.minWindowMs && Number.isFinite(window.otherCpuPercent))
    .reduce<LoadWindow | undefined>(
      (worst, window) => (!worst || window.otherCpuPercent > worst.otherCpuPercent ? window : worst),
      undefined,
    );
}

/** The one rule: whether the machine was too busy for the run's numbers to be trusted, and why. */
export function busyMachine(load: MachineLoad | null | undefined): BusyMachine | null {
  if (!load) return null;
  const worst = busiest(load);
  const threshold = busyThreshold(load);
  if (!worst || worst.otherCpuPercent <= threshold) return null;
  const used = `other processes used ${formatPercent(worst.otherCpuPercent)} of its CPU ${describeWindow(worst)}`;
  return {
    worst,
    reason: `the machine was busy (${used})`,
    notice: `The machine was busy: these numbers are unreliable. ${used[0]!.toUpperCase()}${used.slice(1)}; the lab calls a machine busy above ${threshold}%${load.work === 'io' ? ' for waiting work' : ''}.`,
  };
}

/** The busiest stretch in words, busy or not: "other processes: 4% of the CPU at most (while threads ran)". */
export function describeLoad(load: MachineLoad | null | undefined): string {
  const worst = load ? busiest(load) : undefined;
  if (!worst) return 'other processes: not measured';
  return `other processes: ${formatPercent(worst.otherCpuPercent)} of the CPU at most (${describeWindow(worst)})`;
}

/** A verdict sentence as the run keeps it: after the busy-machine notice when the machine was busy. */
export function withBusyNotice(sentence: string, load: MachineLoad | null | undefined): string {
  const busy = busyMachine(load);
  return busy ? `${busy.notice} As measured: ${sentence}` : sentence;
}

/** The verdict without its busy-machine notice, where the notice is shown on its own above it. */
export function withoutBusyNotice(verdict: string, load: MachineLoad | null | undefined): string {
  const busy = busyMachine(load);
  const prefix = busy ? `${busy.notice} As measured: ` : '';
  return prefix && verdict.startsWith(prefix) ? `As measured: ${verdict.slice(prefix.length)}` : verdict;
}
