/** The workers the cluster hears from: host, pid, cores, state, last heartbeat, tasks done and clock. */
import type { ReactNode } from 'react';
import type { ClusterWorker } from '../../../../shared/cluster';
import { formatDelay } from '../../../../shared/format';
import { useLab } from '../../store/store-context';

/** "now", "3 s ago", "2 min ago": how long since a heartbeat, at the state's own time. */
export function heartbeatAge(lastSeen: number, at: number): string {
  const seconds = Math.max(0, Math.round((at - lastSeen) / 1000));
  if (seconds < 1) return 'now';
  return seconds < 120 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

/** A worker's clock against the lab's: "+3,600,001 ms ± 2.0 ms", or "—" until pinged. */
export function clockWords(worker: ClusterWorker): string {
  if (worker.clockOffsetMs === null || worker.clockUncertaintyMs === null) return '—';
  // Within a twentieth of a millisecond of the lab's clock, a sign would claim more than is known.
  const sign = Math.abs(worker.clockOffsetMs) < 0.05 ? '' : worker.clockOffsetMs < 0 ? '−' : '+';
  return `${sign}${formatDelay(Math.abs(worker.clockOffsetMs))} ± ${formatDelay(worker.clockUncertaintyMs)}`;
}

/** The table of workers, or what to do to get some. */
export function ClusterWorkers(): ReactNode {
  const cluster = useLab((s) => s.cluster.state);
  if (!cluster) return null;
  const { workers, at } = cluster;
  const active = workers.filter((worker) => worker.state === 'idle' || worker.state === 'busy').length;
  return (
    <section className="panel cluster-workers" aria-labelledby="cluster-workers-title">
      <div className="panel-header">
        <h2 id="cluster-workers-title">Workers that joined</h2>
        <span className="panel-aside" aria-live="polite">
          {active} connected{workers.length > active ? ` · ${workers.length - active} gone` : ''}
        </span>
      </div>
      {workers.length === 0 ? (
        <p className="empty-state">
          {cluster.mode === 'private'
            ? 'Start a room server or use a running one: workers that join it are listed here, live.'
            : 'No worker has joined yet. Each laptop that runs the join command appears here, one row per worker process.'}
        </p>
      ) : (
        <div className="cluster-table-wrap">
          <table className="cluster-table">
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">PID</th>
                <th scope="col">Cores</th>
                <th scope="col">State</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Tasks done</th>
                <th scope="col" title="How far its clock is ahead of the lab's, and within what">
                  Clock
                </th>
              </tr>
            </thead>
            <tbody>
              {workers.map((worker) => (
                <tr key={`${worker.host}/${worker.pid}`} className={`cluster-worker-${worker.state}`}>
                  <td>{worker.host}</td>
                  <td className="num">{worker.pid}</td>
                  <td className="num">{worker.cores}</td>
                  <td>
                    <span className={`cluster-state cluster-state-${worker.state}`}>
                      {worker.state === 'leaving' ? 'left' : worker.state}
                    </span>
                  </td>
                  <td className="num">{heartbeatAge(worker.lastSeen, at)}</td>
                  <td className="num">{worker.tasksDone}</td>
                  <td className="num">{clockWords(worker)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
