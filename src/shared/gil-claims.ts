/**
 * The GIL lesson's claim that the simulation matches CPython, checked against both comparisons:
 * on CPU work the simulated GIL (gil-threads) and the real one (py-threads) give speedups within 0.2
 * of each other; on I/O both overlap the waits, each at least 70% of the way to the thread count.
 */
import type { Claim } from './claims';
import { formatSpeedup } from './format';

/** A comparison's speedups of the simulated and the real GIL, each over its own plain loop; null when not measured. */
export interface GilPair {
  readonly gilThreads: number | null;
  readonly pyThreads: number | null;
}

/** How far apart the CPU speedups may be and still "match". */
export const CPU_MATCH_WITHIN = 0.2;
/** The share of the thread count an I/O speedup must reach to be "near" it. */
export const IO_NEAR_SHARE = 0.7;

/** The claim, from the CPU and I/O comparisons (threads: the I/O comparison's thread count). */
export function simulationMatchesCPython(cpu: GilPair | null, io: GilPair | null, ioThreads: number): Claim {
  const text = `the simulation matches CPython: CPU speedups of gil-threads and py-threads within ${CPU_MATCH_WITHIN} of each other, and on I/O both near the ${ioThreads} threads (at least ${formatSpeedup(IO_NEAR_SHARE * ioThreads)})`;
  const parts: string[] = [];
  const verdicts: (boolean | null)[] = [];
  const cpuGil = cpu?.gilThreads ?? null;
  const cpuPy = cpu?.pyThreads ?? null;
  if (cpuGil !== null && cpuPy !== null) {
    const gap = Math.abs(cpuGil - cpuPy);
    verdicts.push(gap <= CPU_MATCH_WITHIN);
    parts.push(
      `CPU: gil-threads ${formatSpeedup(cpuGil)}, py-threads ${formatSpeedup(cpuPy)}, ${gap.toFixed(2)} apart`,
    );
  } else {
    verdicts.push(null);
    parts.push('CPU: not measured with both yet');
  }
  const ioGil = io?.gilThreads ?? null;
  const ioPy = io?.pyThreads ?? null;
  if (ioGil !== null && ioPy !== null) {
    const near = IO_NEAR_SHARE * ioThreads;
    verdicts.push(ioGil >= near && ioPy >= near);
    parts.push(
      `I/O: gil-threads ${formatSpeedup(ioGil)}, py-threads ${formatSpeedup(ioPy)} with ${ioThreads} threads`,
    );
  } else {
    verdicts.push(null);
    parts.push('I/O: not measured with both yet');
  }
  const holds = verdicts.includes(false) ? false : verdicts.includes(null) ? null : true;
  return {
    text,
    model: 'py-threads',
    holds,
    evidence: parts.join('; '),
    timed: true,
    tolerance: `holds when the CPU speedups differ by ${CPU_MATCH_WITHIN} or less and both I/O speedups reach ${formatSpeedup(IO_NEAR_SHARE * ioThreads)} (${Math.round(IO_NEAR_SHARE * 100)}% of ${ioThreads} threads)`,
    ...(holds === false
      ? {
          cause:
            'CPython computes far more slowly than Node, so its threads start and switch on a different scale: a different switch interval, or another program taking a core during one of the two runs, moves one speedup and not the other',
        }
      : {}),
  };
}
