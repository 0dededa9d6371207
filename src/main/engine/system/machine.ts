/** Facts about the machine a run is measured on. */
import { availableParallelism, cpus } from 'node:os';
import type { MachineInfo } from '../../../shared/results';

/** Cores, CPU model, platform and runtime versions. */
export function machineInfo(cores = availableParallelism()): MachineInfo {
  return {
    cores,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    platform: process.platform,
    arch: process.arch,
    node: process.version,
    ...(process.versions.electron ? { electron: process.versions.electron } : {}),
  };
}
