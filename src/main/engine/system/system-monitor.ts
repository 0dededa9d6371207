/**
 * Samples the main process's event-loop delay and utilisation, CPU and memory, for the system strip;
 * its CPU readings also go to a CpuHistory, where a run finds the machine's load of the second before it.
 */
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';
import type { SystemStats } from '../../../shared/views';
import { readCpuCounters, type CpuHistory } from './cpu-load';

/** Period of the delay probe's timer, ms. */
export const RESOLUTION_MS = 10;

/**
 * How late the probe timer fired, in ms. The histogram records whole intervals between its ticks
 * (an idle loop reads 10 ms, a 50 ms block about 59 ms), so the period itself is taken off.
 */
export function lateness(intervalNs: number): number {
  return Math.max(0, intervalNs / 1e6 - RESOLUTION_MS);
}

/**
 * Calls `onSample` every `intervalMs` with the stats of the interval just ended, and records each CPU
 * reading in `history` when given; returns the stop function.
 */
export function startSystemMonitor(
  onSample: (stats: SystemStats) => void,
  intervalMs = 1000,
  history?: CpuHistory,
): () => void {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let elu = nodePerformance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  let machine = readCpuCounters();
  history?.record(machine);
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const wallMs = Math.max(1, now - last);
    const cpuDelta = process.cpuUsage(cpu);
    const machineNow = readCpuCounters();
    history?.record(machineNow);
    const eluDelta = nodePerformance.eventLoopUtilization(elu);
    const memory = process.memoryUsage();
    const machineTotal = machineNow.machineTotalMs - machine.machineTotalMs;
    onSample({
      at: Date.now(),
      eventLoopDelay: {
        p50: lateness(delay.percentile(50)),
        p99: lateness(delay.percentile(99)),
        max: lateness(delay.max),
      },
      eventLoopUtilization: eluDelta.utilization,
      processCpuPercent: ((cpuDelta.user + cpuDelta.system) / 1000 / wallMs) * 100,
      machineCpuPercent:
        machineTotal > 0 ? ((machineNow.machineBusyMs - machine.machineBusyMs) / machineTotal) * 100 : 0,
      rssMb: memory.rss / (1024 * 1024),
      heapUsedMb: memory.heapUsed / (1024 * 1024),
    });
    delay.reset();
    elu = nodePerformance.eventLoopUtilization();
    cpu = process.cpuUsage();
    machine = machineNow;
    last = now;
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    delay.disable();
  };
}
