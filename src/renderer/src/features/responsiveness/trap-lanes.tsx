/**
 * One async-trap result as lanes on a time axis shared with the other result: each task from its start
 * to its end, the sleeper's sleep marked, and — when the sleep blocked the loop — that stretch marked
 * on every other lane too, because no other task on the loop could run then.
 */
import type { CSSProperties, ReactNode } from 'react';
import type { AsyncTrapResult, TrapTask } from '../../../../shared/responsiveness';
import { tickLabel } from '../../charts/time-ticks';

/** Left and width of a stretch, as percentages of the shared axis. */
function span(start: number, end: number, domainMs: number): CSSProperties {
  const left = (Math.max(0, start) / domainMs) * 100;
  const width = (Math.max(0, end - start) / domainMs) * 100;
  return { left: `${left}%`, width: `${Math.max(width, 0.4)}%` };
}

/** When the sleeper slept: the last `sleepMs` of its task (it awaits a little, sleeps, returns). */
export function sleepStretch(result: AsyncTrapResult): { start: number; end: number } | null {
  const sleeper = result.tasks.find((task) => !task.label.startsWith('poller'));
  if (!sleeper) return null;
  return { start: Math.max(sleeper.startedAt, sleeper.endedAt - result.sleepMs), end: sleeper.endedAt };
}

function Lane({
  task,
  result,
  domainMs,
}: {
  readonly task: TrapTask;
  readonly result: AsyncTrapResult;
  readonly domainMs: number;
}): ReactNode {
  const sleeper = !task.label.startsWith('poller');
  const sleep = sleepStretch(result);
  return (
    <li className={`trap-lane${sleeper ? ' trap-lane-sleeper' : ''}`}>
      <span className="trap-label">{task.label}</span>
      <span className="trap-track">
        {sleep && result.blocking && !sleeper && (
          <span className="trap-stalled" style={span(sleep.start, sleep.end, domainMs)} />
        )}
        <span className="trap-bar" style={span(task.startedAt, task.endedAt, domainMs)} />
        {sleeper && sleep && (
          <span
            className={`trap-sleep ${result.blocking ? 'trap-sleep-blocking' : 'trap-sleep-awaited'}`}
            style={span(sleep.start, sleep.end, domainMs)}
          />
        )}
        <span className="visually-hidden">
          ran from {Math.round(task.startedAt)} to {Math.round(task.endedAt)} ms
        </span>
      </span>
    </li>
  );
}

/** The lanes of one result, with the axis. */
export function TrapLanes({
  result,
  domainMs,
  ticks,
}: {
  readonly result: AsyncTrapResult;
  readonly domainMs: number;
  readonly ticks: readonly number[];
}): ReactNode {
  return (
    <div className="trap-plot">
      <ol className="trap-lanes">
        {result.tasks.map((task) => (
          <Lane key={task.task} task={task} result={result} domainMs={domainMs} />
        ))}
      </ol>
      <div className="trap-axis" aria-hidden="true">
        <span className="trap-label" />
        <span className="trap-ticks">
          {ticks.map((tick) => (
            <span key={tick} className="trap-tick" style={{ left: `${(tick / domainMs) * 100}%` }}>
              {tickLabel(tick)}
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}
