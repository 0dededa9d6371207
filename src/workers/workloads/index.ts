/** The workload registry: every workload by name. Names cross message boundaries; functions never do. */
import type { WorkloadContext } from './workload-context';
import { pollWorkload, sleeperWorkload } from './async-trap';
import { countPrimesWorkload } from './count-primes';
import { countWordsWorkload } from './count-words';
import { faultWorkload } from './fault';
import { httpGetWorkload } from './http-get';
import { processImageWorkload } from './image-batch';
import { invertMatrixWorkload } from './matrix-inverse';
import { lockPairWorkload } from './lock-pair';
import { payloadEchoWorkload } from './payload-echo';
import { pipelineTransformWorkload } from './pipeline-transform';
import { raceCounterWorkload } from './race-counter';
import { sharedCounterWorkload } from './shared-counter';
import { sleepWorkload } from './sleep';
import { sumSquaresWorkload } from './sum-squares';

/** A workload: one task's work, runnable by every model. */
export type Workload<I, O> = (input: I, ctx: WorkloadContext) => Promise<O>;

/** Every workload by name. */
export const WORKLOADS = {
  sleep: sleepWorkload,
  'count-words': countWordsWorkload,
  'http-get': httpGetWorkload,
  'sum-squares': sumSquaresWorkload,
  'count-primes': countPrimesWorkload,
  'process-image': processImageWorkload,
  'invert-matrix': invertMatrixWorkload,
  'shared-counter': sharedCounterWorkload,
  'race-counter': raceCounterWorkload,
  'payload-echo': payloadEchoWorkload,
  'pipeline-transform': pipelineTransformWorkload,
  'lock-pair': lockPairWorkload,
  poll: pollWorkload,
  sleeper: sleeperWorkload,
  fault: faultWorkload,
} as const;

/** Name of a registered workload. */
export type WorkloadName = keyof typeof WORKLOADS;

/** Input type of a workload. */
export type WorkloadInput<N extends WorkloadName> = Parameters<(typeof WORKLOADS)[N]>[0];

/** Output type of a workload. */
export type WorkloadOutput<N extends WorkloadName> = Awaited<ReturnType<(typeof WORKLOADS)[N]>>;

/** Runs a workload by name. */
export function runWorkload(name: WorkloadName, input: unknown, ctx: WorkloadContext): Promise<unknown> {
  const workload = WORKLOADS[name] as Workload<unknown, unknown> | undefined;
  if (!workload) return Promise.reject(new Error(`unknown workload ${String(name)}`));
  return workload(input, ctx);
}
