/** Lesson: two workers take two locks in opposite order and deadlock — found by a timeout — then lock ordering fixes it. */
import type { ReactNode } from 'react';
import { useLab } from '../../../store/store-context';
import { EmptyState, Panel } from '../../../ui/panel';
import { selectFormActive } from '../../../store/lessons-slice';
import { DeadlockAttemptView } from './deadlock-attempt';
import { LessonControls } from '../lesson-actions';
import { LessonFrame } from '../lesson-frame';
import { LessonKnobs } from '../lesson-knobs';
import { EngineLessonNotice } from '../engine-lesson-notice';

function Intro(): ReactNode {
  return (
    <>
      <p>
        <strong>Two locks, opposite order.</strong> Worker A takes L1, then L2; worker B takes L2, then L1.
        With a pause in between, each ends up holding one lock and waiting for the other — forever. Python’s{' '}
        <code>threading.Lock</code> behaves exactly the same; the GIL does not prevent it.
      </p>
      <p>
        A lock wait longer than the timeout is reported; the engine builds the <em>wait-for graph</em> from
        those reports (“A waits for L2, held by B”), finds the cycle and stops both threads. Then both workers
        take the locks in <strong>one global order</strong> (L1 before L2): whoever gets L1 first can always
        get L2, so no cycle can form.
      </p>
    </>
  );
}

function Legend(): ReactNode {
  return (
    <ul className="lanes-legend deadlock-legend" aria-label="Legend">
      <li>
        <span className="legend-key lesson-lock-l1" aria-hidden="true" /> L1
      </li>
      <li>
        <span className="legend-key lesson-lock-l2" aria-hidden="true" /> L2
      </li>
      <li>
        <span className="legend-key lesson-lock-wait" aria-hidden="true" /> striped: waiting for the lock
      </li>
      <li>
        <span className="legend-key lesson-lock-report" aria-hidden="true" /> red tick: the wait timed out and
        was reported
      </li>
      <li>
        <span className="legend-key lesson-lock-done" aria-hidden="true" /> dark tick: the worker finished
      </li>
    </ul>
  );
}

function Timelines(): ReactNode {
  const result = useLab((s) => s.lessons.results.deadlock);
  const running = useLab((s) => selectFormActive(s, 'deadlock'));
  return (
    <Panel title="Timeline" aside={<span className="muted">ms since each attempt started</span>}>
      {!result && (
        <EmptyState>
          {running
            ? 'The workers are taking their locks…'
            : 'Press Run: both attempts run, and each worker’s locks appear here.'}
        </EmptyState>
      )}
      <DeadlockAttemptView strategy="opposite-order" />
      <DeadlockAttemptView strategy="global-order" />
      {result && <Legend />}
    </Panel>
  );
}

/** The lesson. */
export function DeadlockLesson(): ReactNode {
  return (
    <LessonFrame
      id="deadlock"
      intro={<Intro />}
      controls={
        <LessonControls lesson="deadlock" form="deadlock">
          <LessonKnobs form="deadlock" />
        </LessonControls>
      }
      notice={<EngineLessonNotice lesson="deadlock" />}
    >
      <Timelines />
    </LessonFrame>
  );
}
