/**
 * The wait-for graph of the deadlock lesson: an edge from each worker whose lock wait timed out to the
 * worker holding that lock. A cycle in it is a deadlock: nobody in it can ever go on.
 */
import type { LockEvent } from '../../../../workers/workloads/lock-pair';

/** `waiter` has waited `waitedMs` for `lock`, which `holder` holds. */
export interface WaitForEdge {
  readonly waiter: number;
  readonly lock: number;
  readonly holder: number;
  readonly waitedMs: number;
}

/** The waits still going on after these events: each worker's latest timed-out wait it has not since ended. */
export function openWaits(events: readonly LockEvent[]): WaitForEdge[] {
  const waits = new Map<number, WaitForEdge>();
  for (const event of events) {
    if (event.kind === 'wait-report' && event.holder !== 0)
      waits.set(event.workerId, {
        waiter: event.workerId,
        lock: event.lock,
        holder: event.holder,
        waitedMs: event.waitedMs,
      });
    else if (event.kind === 'acquired' || event.kind === 'done') waits.delete(event.workerId);
  }
  return [...waits.values()];
}

/** The first cycle of the graph, starting at its lowest waiter, or null when there is none. */
export function findWaitCycle(edges: readonly WaitForEdge[]): WaitForEdge[] | null {
  // A worker waits for one lock at a time, so each node has at most one outgoing edge.
  const next = new Map(edges.map((edge) => [edge.waiter, edge]));
  for (const start of [...next.keys()].sort((a, b) => a - b)) {
    const path: WaitForEdge[] = [];
    const seen = new Set<number>();
    let node: number | undefined = start;
    while (node !== undefined && !seen.has(node)) {
      seen.add(node);
      const edge = next.get(node);
      if (!edge) break;
      path.push(edge);
      node = edge.holder;
    }
    if (node === undefined || !seen.has(node) || !next.has(node)) continue;
    const cycle = path.slice(path.findIndex((edge) => edge.waiter === node));
    const lowest = cycle.reduce((low, edge, i) => (edge.waiter < cycle[low]!.waiter ? i : low), 0);
    return [...cycle.slice(lowest), ...cycle.slice(0, lowest)];
  }
  return null;
}
