/** Samples the main process's event-loop delay and utilisation, CPU and memory, for the system strip. */
import { cpus } from 'node:os';
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';
import type { SystemStats } from '../../shared/ipc';

function machineCpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

/** Calls `onSample` every `intervalMs` with the stats of the interval just ended; returns the stop function. */
export function startSystemMonitor(onSample: (stats: SystemStats) => void, intervalMs = 1000): () => void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let elu = nodePerformance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  let machine = machineCpuTimes();
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const wallMs = Math.max(1, now - last);
    const cpuDelta = process.cpuUsage(cpu);
    const machineNow = machineCpuTimes();
    const eluDelta = nodePerformance.eventLoopUtilization(elu);
    const memory = process.memoryUsage();
    const machineTotal = machineNow.total - machine.total;
    onSample({
      at: Date.now(),
      eventLoopDelay: {
        p50: delay.percentile(50) / 1e6,
        p99: delay.percentile(99) / 1e6,
        max: delay.max / 1e6,
      },
      eventLoopUtilization: eluDelta.utilization,
      processCpuPercent: ((cpuDelta.user + cpuDelta.system) / 1000 / wallMs) * 100,
      machineCpuPercent: machineTotal > 0 ? ((machineNow.busy - machine.busy) / machineTotal) * 100 : 0,
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
