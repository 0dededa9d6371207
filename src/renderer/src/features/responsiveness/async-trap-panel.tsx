/**
 * The async trap of the Python lesson: a synchronous sleep inside one async task stalls every other
 * task on the loop (time.sleep in an async def), next to the awaited version (await asyncio.sleep).
 */
import type { ReactNode } from 'react';
import type { AsyncTrapResult } from '../../../../shared/responsiveness';
import { timeTicks } from '../../charts/time-ticks';
import { selectJobBlocker } from '../../store/responsiveness-slice';
import { useJobs, useLab } from '../../store/store-context';
import { Panel } from '../../ui/panel';
import { JobKnobField } from './job-panel';
import { TrapLanes } from './trap-lanes';

const KINDS = [
  {
    blocking: false,
    title: 'Awaited sleep',
    python: 'await asyncio.sleep(…)',
    button: 'Run the async trap (awaited sleep)',
  },
  {
    blocking: true,
    title: 'Blocking sleep',
    python: 'time.sleep(…) inside async def',
    button: 'Run the async trap (blocking sleep)',
  },
] as const;

function TrapResult({
  kind,
  result,
  domainMs,
  ticks,
}: {
  readonly kind: (typeof KINDS)[number];
  readonly result: AsyncTrapResult | null;
  readonly domainMs: number;
  readonly ticks: readonly number[];
}): ReactNode {
  return (
    <figure className={`trap-result${kind.blocking ? ' trap-result-blocking' : ''}`}>
      <figcaption>
        <strong>{kind.title}</strong> <code>{kind.python}</code>
      </figcaption>
      {result ? (
        <>
          <TrapLanes result={result} domainMs={domainMs} ticks={ticks} />
          <p className="trap-finished" data-ms={result.pollersDoneMs}>
            pollers finished at {Math.round(result.pollersDoneMs)} ms
          </p>
          <p className="hint">sleep of {result.sleepMs} ms</p>
        </>
      ) : (
        <p className="empty-state">Press “{kind.button}” to see its lanes here.</p>
      )}
    </figure>
  );
}

/** The async trap panel. */
export function AsyncTrapPanel(): ReactNode {
  const jobs = useJobs();
  const traps = useLab((s) => s.responsiveness.traps);
  const blocked = useLab((s) => selectJobBlocker(s, ['sleepMs']) !== null);
  const running = useLab((s) => (s.responsiveness.active?.kind === 'trap' ? s.responsiveness.active : null));
  const results = [traps.awaited, traps.blocking].filter((r): r is AsyncTrapResult => r !== null);
  const latest = results.reduce((end, r) => Math.max(end, ...r.tasks.map((t) => t.endedAt)), 0);
  const ticks = timeTicks(latest);
  const domainMs = Math.max(1, latest, ticks.at(-1) ?? 0);
  return (
    <Panel title="The async trap" className="trap-panel">
      <p className="lead">
        Five tasks share one event loop (on a thread of its own, so this page is not what stalls): four
        pollers await I/O in short steps, the fifth sleeps. Awaited, the loop serves the pollers meanwhile. A
        synchronous sleep holds the loop: every other task waits for it — the mistake of calling{' '}
        <code>time.sleep</code> or <code>requests.get</code> inside an <code>async def</code>.
      </p>
      <div className="trap-controls">
        <JobKnobField name="sleepMs" />
        <div className="button-row">
          {KINDS.map((kind) => (
            <button
              key={kind.button}
              type="button"
              className="button"
              disabled={blocked}
              onClick={() => void jobs.runAsyncTrap(kind.blocking)}
            >
              {kind.button}
            </button>
          ))}
        </div>
        <p className="hint" aria-live="polite">
          {running ? `Running the ${running.blocking ? 'blocking' : 'awaited'} version…` : ''}
        </p>
      </div>
      <div className="trap-results">
        {KINDS.map((kind) => (
          <TrapResult
            key={kind.button}
            kind={kind}
            result={kind.blocking ? traps.blocking : traps.awaited}
            domainMs={domainMs}
            ticks={ticks}
          />
        ))}
      </div>
      <ul className="lanes-legend trap-legend" aria-label="Legend">
        <li>
          <span className="legend-key trap-key-task" aria-hidden="true" /> task, from start to end
        </li>
        <li>
          <span className="legend-key trap-key-awaited" aria-hidden="true" /> awaited sleep (loop free)
        </li>
        <li>
          <span className="legend-key trap-key-blocking" aria-hidden="true" /> blocking sleep
        </li>
        <li>
          <span className="legend-key trap-key-stalled" aria-hidden="true" /> loop held by the sleep: this
          task cannot run
        </li>
      </ul>
    </Panel>
  );
}
