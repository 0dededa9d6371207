/** Lesson: handing data to a worker — structured clone, transfer or SharedArrayBuffer, threads and processes. */
import { useRef, type ReactNode } from 'react';
import { createDataPassingChart } from '../../../charts/lesson-data-passing-chart';
import type { LabState } from '../../../store/lab-store';
import { selectFormActive } from '../../../store/lessons-slice';
import { useLab } from '../../../store/store-context';
import { EmptyState, Panel } from '../../../ui/panel';
import { DataPassingResults } from './data-passing-results';
import { LessonControls } from '../lesson-actions';
import { LessonFrame } from '../lesson-frame';
import { LessonKnobs } from '../lesson-knobs';
import { PayloadSlider } from './payload-slider';
import { shallow } from 'zustand/shallow';
import { useStoreChart } from '../../../charts/use-store-chart';
import { EngineLessonNotice } from '../engine-lesson-notice';

const selectRows = (s: LabState) => s.lessons.rows;

function Intro(): ReactNode {
  return (
    <>
      <p>
        <strong>Workers do not share memory by default.</strong> Sending data to a thread <em>copies</em> it
        (structured clone — Python’s multiprocessing pickles instead). <em>Transferring</em> an{' '}
        <code>ArrayBuffer</code> moves it: the sender loses it, nothing is copied. A{' '}
        <code>SharedArrayBuffer</code> is not sent at all: both sides see the same bytes.
      </p>
      <p>
        <strong>Processes have separate memory</strong>: they can only copy, through a pipe. Each payload goes
        to the worker and back; the far side reads every byte (a checksum), so no carrier wins by not touching
        the data. The line that stays flat as payloads grow scales best.
      </p>
    </>
  );
}

function PassingChartPanel(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createDataPassingChart, selectRows, shallow);
  const running = useLab((s) => selectFormActive(s, 'data-passing'));
  const measured = useLab((s) => s.lessons.rows.length > 0);
  return (
    <Panel
      title="Milliseconds per megabyte"
      aside={<span className="muted">{running ? 'measuring, live' : 'round trip, median'}</span>}
    >
      {!measured && (
        <EmptyState>
          {running
            ? 'Measuring the first payload…'
            : 'Press Run: each carrier’s cost per megabyte is drawn here as it is measured.'}
        </EmptyState>
      )}
      <div className={`chart-box lesson-chart-box lesson-chart-tall${measured ? '' : ' hidden'}`}>
        <canvas ref={canvasRef} role="img" aria-label="Milliseconds per megabyte: nothing measured yet." />
      </div>
    </Panel>
  );
}

/** The lesson. */
export function DataPassingLesson(): ReactNode {
  return (
    <LessonFrame
      id="data-passing"
      intro={<Intro />}
      controls={
        <LessonControls lesson="data-passing" form="data-passing">
          <LessonKnobs form="data-passing" skip={['bytes']}>
            <PayloadSlider />
          </LessonKnobs>
        </LessonControls>
      }
      notice={<EngineLessonNotice lesson="data-passing" />}
    >
      <PassingChartPanel />
      <DataPassingResults />
    </LessonFrame>
  );
}
