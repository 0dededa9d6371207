/**
 * The distributed model in words: where its tasks ran (local workers, joined ones, which server) and the
 * remarks only it can measure — redeliveries, duplicate results ignored, the clocks of other machines,
 * the broker's share of the start-up, and workers that sat out a run whose tasks stay on the lab machine.
 */
import { formatCoarseDuration, formatDelay } from '../../../../shared/format';
import type { DeliveryStats } from './executor-options';
import type { RosterWorker } from './worker-roster';

/** What the words are made of. */
export interface DistributedFacts {
  /** Workers able to take tasks (not lost, not leaving). */
  readonly active: readonly RosterWorker[];
  /** "a private NATS server" or "NATS at nats://…". */
  readonly through: string;
  /** Why the run's tasks stay on the lab machine, when they do. */
  readonly stayLocal: string | null;
}

function processes(n: number): string {
  return `${n} worker process${n === 1 ? '' : 'es'}`;
}

/** Where tasks run: "2 worker processes on this machine, through a private NATS server". */
export function describePlacement(facts: DistributedFacts): string {
  const local = facts.active.filter((worker) => worker.local).length;
  const joined = facts.active.length - local;
  if (facts.stayLocal !== null) return `${processes(local)} on this machine only, through ${facts.through}`;
  const workers =
    joined === 0
      ? `${processes(local)} on this machine`
      : `${local} local + ${processes(joined)} that joined`;
  return `${workers}, through ${facts.through}`;
}

/** How long the parts of start-up took, ms: the broker (server, connection, queue) and the workers joining. */
export interface StartupSplit {
  readonly brokerMs: number;
  readonly workersMs: number;
}

/** What one run measured, beside the table's columns. */
export interface RunRemarksInput {
  readonly stats: DeliveryStats;
  /** Every worker known during the run. */
  readonly workers: readonly RosterWorker[];
  readonly startup: StartupSplit | null;
  readonly stayLocal: string | null;
}

/** The Notes column's remarks of a distributed run, in the order they matter. */
export function runRemarks(input: RunRemarksInput): string[] {
  const remarks: string[] = [];
  const { stats } = input;
  if (input.stayLocal !== null) {
    const satOut = input.workers.filter((worker) => !worker.local && worker.state !== 'lost').length;
    remarks.push(
      `local workers only: ${input.stayLocal}${satOut > 0 ? `; ${processes(satOut)} that joined sat it out` : ''}`,
    );
  }
  if (stats.redelivered > 0)
    remarks.push(
      `${stats.redelivered} task${stats.redelivered === 1 ? '' : 's'} redelivered after a worker was lost or missed its ack deadline (counted once)`,
    );
  if (stats.duplicatesIgnored > 0)
    remarks.push(
      `${stats.duplicatesIgnored} duplicate result${stats.duplicatesIgnored === 1 ? '' : 's'} ignored (at-least-once delivery)`,
    );
  const remote = input.workers.filter((worker) => !worker.sameHost && worker.clock.known);
  if (remote.length > 0) {
    const worst = Math.max(...remote.map((worker) => worker.clock.uncertaintyMs));
    remarks.push(
      `clocks of ${remote.length} other machine${remote.length === 1 ? '' : 's'} mapped to the lab's within ±${formatDelay(worst)}`,
    );
  }
  if (input.startup)
    remarks.push(
      `broker ready in ${formatCoarseDuration(input.startup.brokerMs)}, workers joined in ${formatCoarseDuration(input.startup.workersMs)}`,
    );
  return remarks;
}
