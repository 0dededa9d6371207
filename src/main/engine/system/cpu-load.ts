/**
 * Other processes' CPU, measured from outside a run: the machine's CPU counters (every core) minus
 * the lab's own (this process and every thread in it, plus the pool processes it reports). The
 * system monitor records a reading every second, so a run can look at the second before it started.
 */
import { cpus } from 'node:os';
import type { LoadWindow } from '../../../shared/machine-load';

/** CPU counters at one moment: the whole machine's and this process's. */
export interface CpuCounters {
  /** performance.now() when read, ms. */
  readonly at: number;
  /** CPU time spent busy, summed over every core, ms (os.cpus(): 10 ms ticks on Linux). */
  readonly machineBusyMs: number;
  /** CPU time busy or idle, summed over every core, ms: about the wall time × the cores. */
  readonly machineTotalMs: number;
  /** This process's CPU time, every thread (worker threads included), ms. */
  readonly selfMs: number;
}

/** Reads the machine's and this process's CPU counters now. */
export function readCpuCounters(): CpuCounters {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    machineBusyMs: busy,
    machineTotalMs: total,
    selfMs: (self.user + self.system) / 1000,
  };
}

/**
 * Other processes' CPU between two readings, percent of the whole machine: the machine's busy time
 * less this process's and `labChildMs` (CPU the lab's own child processes reported meanwhile).
 */
export function otherLoad(during: string, from: CpuCounters, to: CpuCounters, labChildMs = 0): LoadWindow {
  const total = to.machineTotalMs - from.machineTotalMs;
  const others = to.machineBusyMs - from.machineBusyMs - (to.selfMs - from.selfMs) - labChildMs;
  return {
    during,
    // The counters tick at different rates: a quiet machine can read a hair below zero.
    otherCpuPercent: total > 0 ? Math.min(100, Math.max(0, (others / total) * 100)) : 0,
    ms: Math.max(0, to.at - from.at),
  };
}

/** How far back a reading may be for "the second before" a run, ms. */
const BEFORE_MS = 1000;
/** Readings older than this are dropped. */
const KEEP_MS = 10_000;

/** The last few seconds of CPU counters, recorded by the system monitor, for the second before a run. */
export class CpuHistory {
  private readings: CpuCounters[] = [];

  /** Keeps a reading (the system monitor's, once a second). */
  record(counters: CpuCounters): void {
    this.readings.push(counters);
    const oldest = counters.at - KEEP_MS;
    while (this.readings.length > 1 && this.readings[0]!.at < oldest) this.readings.shift();
  }

  /**
   * Other processes' load over about the last second: from the newest reading at least a second old
   * (or the oldest there is) to `now`; null when there is no reading before now.
   */
  secondBefore(now: CpuCounters = readCpuCounters()): LoadWindow | null {
    const earlier = this.readings.filter((reading) => reading.at < now.at);
    if (earlier.length === 0) return null;
    const from = [...earlier].reverse().find((reading) => now.at - reading.at >= BEFORE_MS) ?? earlier[0]!;
    return otherLoad('before', from, now);
  }
}
