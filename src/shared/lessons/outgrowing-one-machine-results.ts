/** What "Outgrowing one machine" measures: one row per measurement, of four kinds, and what they add up to. */

/** The tiny tasks through one model: what each task cost beyond its own work. */
export interface OverheadRow {
  readonly part: 'overhead';
  readonly model: 'processes' | 'distributed';
  readonly tasks: number;
  /** Workers that could take tasks (a distributed run counts those that joined). */
  readonly workers: number;
  /** One task's own CPU time, as calibrated. */
  readonly taskMs: number;
  readonly wallMs: number;
  /** wall × workers ÷ tasks − the task's own time: what each task paid to reach a worker and come back. */
  readonly overheadMs: number;
  readonly ok: boolean;
}

/** One task size: the plain loop, the process pool and the broker on the same tasks. */
export interface SweepRow {
  readonly part: 'sweep';
  readonly taskMs: number;
  readonly tasks: number;
  readonly sequentialMs: number;
  readonly processesMs: number;
  readonly distributedMs: number;
  /** Workers of the distributed run (local and joined). */
  readonly workers: number;
  readonly ok: boolean;
}

/** One step of local workers (plus those that joined), on tasks of one size. */
export interface ScalingRow {
  readonly part: 'scaling';
  readonly localWorkers: number;
  readonly joinedWorkers: number;
  readonly tasks: number;
  readonly taskMs: number;
  readonly wallMs: number;
  /** Tasks per second. */
  readonly throughput: number;
  readonly ok: boolean;
}

/** A local worker killed while it ran a task. */
export interface KillRow {
  readonly part: 'kill';
  readonly tasks: number;
  readonly workers: number;
  /** The process killed; null when the run ended before one could be. */
  readonly killedPid: number | null;
  /** Deliveries after the first: the killed worker's task, at least. */
  readonly redelivered: number;
  /** Tasks that never got a result. */
  readonly lost: number;
  /** Tasks whose result was counted more than once. */
  readonly countedTwice: number;
  readonly wallMs: number;
  readonly ok: boolean;
}

/** One measurement of the lesson. */
export type OutgrowingRow = OverheadRow | SweepRow | ScalingRow | KillRow;

/** The lesson's result. */
export interface OutgrowingResult {
  readonly cores: number;
  /** Where the broker was: "a private NATS server", "NATS at nats://…". */
  readonly broker: string;
  readonly rows: readonly OutgrowingRow[];
  /** Every task of every step came back with the right answer, exactly once. */
  readonly ok: boolean;
}

/** The rows of one part. */
export function rowsOf<P extends OutgrowingRow['part']>(
  result: Pick<OutgrowingResult, 'rows'>,
  part: P,
): Extract<OutgrowingRow, { part: P }>[] {
  return result.rows.filter((row): row is Extract<OutgrowingRow, { part: P }> => row.part === part);
}

/**
 * The task size from which the broker beat the plain loop — at that size and every larger one measured
 * (a lone lucky size below a losing one is not a break-even) — or null when the largest did not pay.
 */
export function breakEvenMs(result: Pick<OutgrowingResult, 'rows'>): number | null {
  const sweep = [...rowsOf(result, 'sweep')].sort((a, b) => b.taskMs - a.taskMs);
  let from: number | null = null;
  for (const row of sweep) {
    if (row.distributedMs >= row.sequentialMs) break;
    from = row.taskMs;
  }
  return from;
}
