/** The GIL lesson's text, with the speedups this machine measured right beside it. */
import { useMemo, type ReactNode } from 'react';
import { DEFAULT_SWITCH_INTERVAL_MS } from '../../../../shared/pool';
import { formatSpeedup } from '../../../../shared/format';
import { useShallow } from 'zustand/shallow';
import { judgedOnBusyMachine } from '../../../../shared/claims';
import { busyMachine } from '../../../../shared/machine-load';
import {
  COMPARISON_ORIGINS,
  selectGilSpeedups,
  selectWithPython,
  simulationClaimOf,
  type ComparisonKind,
  type Speedups,
} from '../../store/gil-lesson-slice';
import { claimLine } from '../../store/lessons-slice-claims';
import type { LabState } from '../../store/lab-store';
import { selectLastRun } from '../../store/run-slice';
import { useLab } from '../../store/store-context';
import { Panel } from '../../ui/panel';

function Speedup({
  kind,
  model,
  value,
}: {
  readonly kind: ComparisonKind;
  readonly model: 'threads' | 'gil-threads' | 'py-threads';
  readonly value: number | null;
}): ReactNode {
  const attribute = { [`data-speedup-${kind}-${model}`]: value ?? undefined };
  return (
    <td className="num speedup" {...attribute}>
      {formatSpeedup(value)}
    </td>
  );
}

function SpeedupRow({
  kind,
  label,
  speedups,
  python,
}: {
  readonly kind: ComparisonKind;
  readonly label: string;
  readonly speedups: Speedups | null;
  readonly python: boolean;
}): ReactNode {
  return (
    <tr>
      <th scope="row">{label}</th>
      <Speedup kind={kind} model="threads" value={speedups?.threads ?? null} />
      <Speedup kind={kind} model="gil-threads" value={speedups?.gilThreads ?? null} />
      {python && <Speedup kind={kind} model="py-threads" value={speedups?.pyThreads ?? null} />}
    </tr>
  );
}

/** The comparisons whose last run was measured on a busy machine: 'CPU', 'I/O'. */
function selectBusyComparisons(s: LabState): string[] {
  return (['cpu', 'io'] as const).flatMap((kind) => {
    const view = selectLastRun(s, COMPARISON_ORIGINS[kind]);
    return view && busyMachine(view.run.load) ? [kind === 'cpu' ? 'CPU' : 'I/O'] : [];
  });
}

const MARKS = { true: '✓', false: '✗', null: '?' } as const;

/** The claim that the simulation matches CPython, with what was measured. */
function SimulationClaim(): ReactNode {
  const speedups = useLab(selectGilSpeedups);
  const busy = useLab(useShallow(selectBusyComparisons));
  const line = useMemo(() => {
    const claim = simulationClaimOf(speedups);
    const reason =
      busy.length > 0 ? { reason: `the machine was busy during the ${busy.join(' and ')} comparison` } : null;
    return claimLine(judgedOnBusyMachine([claim], reason)[0]!);
  }, [speedups, busy]);
  return (
    <ul className="claims gil-claim" aria-label="Simulated and real GIL">
      <li className={`claim claim-${line.holds}`} data-holds={line.holds}>
        <span className="claim-mark" aria-hidden="true">
          {MARKS[line.holds]}
        </span>
        <span className="claim-body">
          <strong className="claim-lead">{line.lead}</strong> {line.text}
          {line.detail && <span className="claim-detail"> {line.detail}</span>}
        </span>
      </li>
    </ul>
  );
}

/** The measured speedups over each model's plain loop, from the last comparison of each kind; real CPython beside the simulation. */
export function MeasuredSpeedups(): ReactNode {
  const speedups = useLab(selectGilSpeedups);
  const busy = useLab(useShallow(selectBusyComparisons));
  const measuredPython =
    (speedups.cpu?.pyThreads ?? null) !== null || (speedups.io?.pyThreads ?? null) !== null;
  const python = useLab(selectWithPython) || measuredPython;
  return (
    <div className="speedups">
      <table className="speedup-table">
        <caption>
          Measured here: speedup over sequential
          {python ? ' (py-threads: over py-sequential, in real CPython)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Work</th>
            <th scope="col" className="num">
              threads
            </th>
            <th scope="col" className="num">
              gil-threads
            </th>
            {python && (
              <th scope="col" className="num">
                py-threads
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          <SpeedupRow kind="cpu" label="CPU" speedups={speedups.cpu} python={python} />
          <SpeedupRow kind="io" label="I/O" speedups={speedups.io} python={python} />
        </tbody>
      </table>
      {(speedups.cpu === null || speedups.io === null) && (
        <p className="hint">Run both comparisons to fill this in: every number is measured, none assumed.</p>
      )}
      {python && <SimulationClaim />}
      {busy.length > 0 && (
        <p className="hint" data-busy-machine>
          The machine was busy during the {busy.join(' and ')} comparison: those numbers are unreliable.
        </p>
      )}
    </div>
  );
}

/** The lesson text. */
export function GilExplainer(): ReactNode {
  return (
    <Panel title="The GIL lesson" className="gil-explainer">
      <div className="prose">
        <p>
          <strong>Python’s GIL.</strong> CPython runs bytecode only while holding one global interpreter lock,
          so its threads take turns on one core however many there are. A thread waiting for I/O lets go of
          the lock, so I/O still overlaps. A busy thread is asked to let go after the <em>switch interval</em>{' '}
          (<code>sys.setswitchinterval</code>, {DEFAULT_SWITCH_INTERVAL_MS} ms by default): CPU-bound threads
          interleave, they never run at once.
        </p>
        <p>
          <strong>Free-threaded Python.</strong> PEP 703 makes the GIL optional: CPython 3.13 ships a separate
          free-threaded build (<code>python3.13t</code>), experimental there, and PEP 779 made it officially
          supported in 3.14 — still a build you choose, not the default.
        </p>
        <p>
          <strong>JavaScript has no GIL.</strong> Each worker thread is its own isolate with its own heap and
          event loop, so there is nothing global to lock: threads share only what they share explicitly, a{' '}
          <code>SharedArrayBuffer</code> coordinated with <code>Atomics</code>. That is how this lab builds
          its GIL for <code>gil-threads</code>: a lock in a SharedArrayBuffer that the pool’s threads take
          turns holding, with CPython’s switch interval.
        </p>
      </div>
      <MeasuredSpeedups />
    </Panel>
  );
}
