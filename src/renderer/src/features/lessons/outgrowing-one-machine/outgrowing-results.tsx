/** The measurements of "Outgrowing one machine", as they arrive: one table per part, bars to compare at a glance. */
import type { ReactNode } from 'react';
import { formatDuration, formatRate } from '../../../../../shared/format';
import { rowsOf, type OutgrowingRow } from '../../../../../shared/lessons/outgrowing-one-machine';
import { useLab } from '../../../store/store-context';
import { Panel } from '../../../ui/panel';

/** A bar as long as `value` is against `max`, in a model's colour. */
function Bar({
  value,
  max,
  model,
}: {
  readonly value: number;
  readonly max: number;
  readonly model: string;
}): ReactNode {
  const width = max > 0 ? Math.max(1, Math.round((100 * value) / max)) : 0;
  return (
    <span className="outgrowing-bar" aria-hidden="true">
      <span style={{ width: `${width}%`, background: `var(--model-${model})` }} />
    </span>
  );
}

function checked(ok: boolean): string {
  return ok ? '✓' : '✗ wrong';
}

function Overhead({ rows }: { readonly rows: readonly OutgrowingRow[] }): ReactNode {
  const overhead = rowsOf({ rows }, 'overhead');
  if (overhead.length === 0) return null;
  const max = Math.max(...overhead.map((row) => row.overheadMs));
  return (
    <div className="table-scroll">
      <table className="results-table outgrowing-table">
        <caption className="lesson-caption">
          {overhead[0]!.tasks} tiny tasks of {formatDuration(overhead[0]!.taskMs)}: what each paid beyond its
          work
        </caption>
        <thead>
          <tr>
            <th scope="col">Through</th>
            <th scope="col" className="num">
              Workers
            </th>
            <th scope="col" className="num">
              Wall
            </th>
            <th scope="col" className="num">
              Per task
            </th>
            <th scope="col" className="bar-col">
              <span className="visually-hidden">Bar</span>
            </th>
            <th scope="col">Answers</th>
          </tr>
        </thead>
        <tbody>
          {overhead.map((row) => (
            <tr key={row.model}>
              <th scope="row">{row.model === 'distributed' ? 'NATS JetStream' : 'process pool'}</th>
              <td className="num">{row.workers}</td>
              <td className="num">{formatDuration(row.wallMs)}</td>
              <td className="num">{formatDuration(row.overheadMs)}</td>
              <td className="bar-col">
                <Bar value={row.overheadMs} max={max} model={row.model} />
              </td>
              <td>{checked(row.ok)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Sweep({ rows }: { readonly rows: readonly OutgrowingRow[] }): ReactNode {
  const sweep = rowsOf({ rows }, 'sweep');
  if (sweep.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="results-table outgrowing-table">
        <caption className="lesson-caption">
          {sweep[0]!.tasks} tasks of each size: the plain loop, the process pool and the broker (shorter is
          faster)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Task
            </th>
            <th scope="col" className="num">
              Plain loop
            </th>
            <th scope="col" className="num">
              Processes
            </th>
            <th scope="col" className="num">
              Distributed
            </th>
            <th scope="col" className="bar-col">
              Distributed vs the loop
            </th>
            <th scope="col">Answers</th>
          </tr>
        </thead>
        <tbody>
          {sweep.map((row) => {
            const max = Math.max(row.sequentialMs, row.processesMs, row.distributedMs);
            const pays = row.distributedMs < row.sequentialMs;
            return (
              <tr key={row.taskMs} data-pays={pays}>
                <th scope="row" className="num">
                  {formatDuration(row.taskMs)}
                </th>
                <td className="num">{formatDuration(row.sequentialMs)}</td>
                <td className="num">{formatDuration(row.processesMs)}</td>
                <td className="num">{formatDuration(row.distributedMs)}</td>
                <td className="bar-col">
                  <Bar value={row.sequentialMs} max={max} model="sequential" />
                  <Bar value={row.processesMs} max={max} model="processes" />
                  <Bar value={row.distributedMs} max={max} model="distributed" />
                  <span className={pays ? 'outgrowing-pays' : 'outgrowing-costs'}>
                    {(row.sequentialMs / Math.max(row.distributedMs, 1e-9)).toFixed(2)}×{' '}
                    {pays ? 'pays' : 'costs'}
                  </span>
                </td>
                <td>{checked(row.ok)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul className="lanes-legend outgrowing-legend" aria-label="Bars">
        <li>
          <span className="legend-key" style={{ background: 'var(--model-sequential)' }} aria-hidden="true" />{' '}
          plain loop
        </li>
        <li>
          <span className="legend-key" style={{ background: 'var(--model-processes)' }} aria-hidden="true" />{' '}
          process pool
        </li>
        <li>
          <span
            className="legend-key"
            style={{ background: 'var(--model-distributed)' }}
            aria-hidden="true"
          />{' '}
          distributed
        </li>
      </ul>
    </div>
  );
}

function Scaling({ rows }: { readonly rows: readonly OutgrowingRow[] }): ReactNode {
  const scaling = rowsOf({ rows }, 'scaling');
  if (scaling.length === 0) return null;
  const max = Math.max(...scaling.map((row) => row.throughput));
  return (
    <div className="table-scroll">
      <table className="results-table outgrowing-table">
        <caption className="lesson-caption">
          {scaling[0]!.tasks} tasks of {formatDuration(scaling[0]!.taskMs)} as workers are added
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Local workers
            </th>
            <th scope="col" className="num">
              Joined
            </th>
            <th scope="col" className="num">
              Wall
            </th>
            <th scope="col" className="num">
              Throughput
            </th>
            <th scope="col" className="bar-col">
              <span className="visually-hidden">Bar</span>
            </th>
            <th scope="col">Answers</th>
          </tr>
        </thead>
        <tbody>
          {scaling.map((row) => (
            <tr key={row.localWorkers}>
              <th scope="row" className="num">
                {row.localWorkers}
              </th>
              <td className="num">{row.joinedWorkers}</td>
              <td className="num">{formatDuration(row.wallMs)}</td>
              <td className="num">{formatRate(row.throughput)}</td>
              <td className="bar-col">
                <Bar value={row.throughput} max={max} model="distributed" />
              </td>
              <td>{checked(row.ok)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Kill({ rows }: { readonly rows: readonly OutgrowingRow[] }): ReactNode {
  const [kill] = rowsOf({ rows }, 'kill');
  if (!kill) return null;
  return (
    <p className="outgrowing-kill" data-ok={kill.ok}>
      {kill.killedPid === null
        ? `No worker could be killed mid-task: the ${kill.tasks} tasks ended first.`
        : `Worker pid ${kill.killedPid} was killed while it ran a task: ${kill.redelivered} task redelivered, ${kill.lost} lost, ${kill.countedTwice} counted twice, of ${kill.tasks}.`}
    </p>
  );
}

/** The measurements so far, or the last run's. */
export function OutgrowingResults({ running }: { readonly running: boolean }): ReactNode {
  const rows = useLab((s) => s.lessons.outgrowing);
  const broker = useLab((s) => s.lessons.results['outgrowing-one-machine']?.broker ?? null);
  return (
    <Panel
      title="Measured"
      aside={<span className="muted">{running ? 'measuring, live' : broker ? `through ${broker}` : ''}</span>}
    >
      {rows.length === 0 ? (
        <p className="empty-state">
          {running
            ? 'Calibrating the task size, then starting the process pool and the broker…'
            : 'Press Run: the four measurements appear here as they are made (about half a minute).'}
        </p>
      ) : (
        <div className="outgrowing-parts">
          <Overhead rows={rows} />
          <Sweep rows={rows} />
          <Scaling rows={rows} />
          <Kill rows={rows} />
        </div>
      )}
    </Panel>
  );
}
