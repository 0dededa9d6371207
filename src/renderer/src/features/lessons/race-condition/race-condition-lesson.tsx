/** Lesson: N workers increment one shared counter — without a lock, with Atomics.add, with a mutex, and under the GIL. */
import { useRef, type ReactNode } from 'react';
import { createRaceChart } from '../../../charts/lesson-race-chart';
import { lostText, raceRunLabel } from '../../../charts/lesson-race-data';
import { formatCount, formatDuration } from '../../../../../shared/format';
import type { LabState } from '../../../store/lab-store';
import { selectFormActive } from '../../../store/lessons-slice';
import { useLab } from '../../../store/store-context';
import { EmptyState, Panel } from '../../../ui/panel';
import { LessonControls } from '../lesson-actions';
import { LessonFrame } from '../lesson-frame';
import { LessonKnobs } from '../lesson-knobs';
import { shallow } from 'zustand/shallow';
import { useStoreChart } from '../../../charts/use-store-chart';
import { EngineLessonNotice } from '../engine-lesson-notice';

const selectResult = (s: LabState) => s.lessons.results['race-condition'];

function Intro(): ReactNode {
  return (
    <>
      <p>
        <strong>counter += 1 is three steps</strong>: read, add one, write. Two workers that read the same
        value both write that value plus one, and one update is lost. Here every worker is a real thread
        incrementing one counter in a <code>SharedArrayBuffer</code>.
      </p>
      <p>
        <strong>Atomics.add</strong> does the three steps as one indivisible instruction.{' '}
        <strong>A mutex</strong> built on Atomics (compare-exchange, wait and notify) lets one worker at a
        time do the read-add-write — exact too, but every increment takes and releases the lock.
      </p>
      <p>
        <strong>Under the GIL</strong> one thread runs at a time, yet a switch can land between the read and
        the write: <code>gil-threads</code> runs the unlocked loop twice — once letting a switch fall inside
        the increment, once only between increments.
      </p>
    </>
  );
}

function RaceChartPanel(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createRaceChart, selectResult, shallow);
  const result = useLab(selectResult);
  const running = useLab((s) => selectFormActive(s, 'race-condition'));
  return (
    <Panel title="Expected vs final count" aside={<span className="muted">one bar pair per run</span>}>
      {!result && (
        <EmptyState>
          {running ? 'The workers are racing…' : 'Press Run: each way of counting races on real threads.'}
        </EmptyState>
      )}
      <div className={`chart-box lesson-chart-box${result ? '' : ' hidden'}`}>
        <canvas ref={canvasRef} role="img" aria-label="Expected and final counts: no run yet." />
      </div>
    </Panel>
  );
}

function RaceTable(): ReactNode {
  const result = useLab(selectResult);
  if (!result) return null;
  return (
    <Panel title="Counts and times" aside={<span className="muted">{result.cores} cores</span>}>
      <div className="table-scroll">
        <table className="results-table">
          <caption className="visually-hidden">
            Expected and final count, lost updates and time of each run
          </caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col" className="num">
                Expected
              </th>
              <th scope="col" className="num">
                Final
              </th>
              <th scope="col" className="num">
                Lost
              </th>
              <th scope="col" className="num">
                Time
              </th>
            </tr>
          </thead>
          <tbody>
            {result.runs.map((run) => (
              <tr key={raceRunLabel(run)} className={run.lost > 0 ? 'row-lost' : 'row-exact'}>
                <th scope="row">{raceRunLabel(run)}</th>
                <td className="num">{formatCount(run.expected)}</td>
                <td className="num" data-final={run.final}>
                  {formatCount(run.final)}
                </td>
                <td className="num lost-cell">
                  {run.lost > 0 ? `${formatCount(run.lost)} (${lostText(run)})` : 'none'}
                </td>
                <td className="num">{formatDuration(run.wallMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        {result.workers} workers × {formatCount(result.increments)} increments each. Time runs from the first
        worker leaving the start line to the last one finishing.
      </p>
    </Panel>
  );
}

/** The lesson. */
export function RaceConditionLesson(): ReactNode {
  return (
    <LessonFrame
      id="race-condition"
      intro={<Intro />}
      controls={
        <LessonControls lesson="race-condition" form="race-condition">
          <LessonKnobs form="race-condition" />
        </LessonControls>
      }
      notice={<EngineLessonNotice lesson="race-condition" />}
    >
      <RaceChartPanel />
      <RaceTable />
    </LessonFrame>
  );
}
