/** Lesson: outgrowing one machine — what a broker costs per task, where it starts to pay, and what it survives. */
import type { ReactNode } from 'react';
import { selectFormActive } from '../../../store/lessons-slice';
import { useLab } from '../../../store/store-context';
import { EngineLessonNotice } from '../engine-lesson-notice';
import { LessonControls } from '../lesson-actions';
import { LessonFrame } from '../lesson-frame';
import { LessonKnobs } from '../lesson-knobs';
import { OutgrowingResults } from './outgrowing-results';
import './outgrowing.css';

function Intro(): ReactNode {
  return (
    <>
      <p>
        <strong>When one machine is not enough</strong>, Python reaches for Celery: tasks go to a broker, and
        workers on any machine pull them. Here the broker is <strong>NATS JetStream</strong> and the workers
        are the lab’s own processes — plus every laptop that joined the room (see the Cluster view).
      </p>
      <p>
        A broker is not free. Each task is published, stored, pulled, acknowledged and answered: a round trip
        the process pool does not pay. So this lesson measures <em>what each task pays</em> with tiny tasks,
        then sweeps task sizes to find <em>where distributing starts to pay</em> against the plain loop, adds
        workers one step at a time, and kills a worker mid-task to show the broker hand its task to another.
      </p>
    </>
  );
}

/** The lesson. */
export function OutgrowingLesson(): ReactNode {
  const running = useLab((s) => selectFormActive(s, 'outgrowing-one-machine'));
  return (
    <LessonFrame
      id="outgrowing-one-machine"
      intro={<Intro />}
      controls={
        <LessonControls lesson="outgrowing-one-machine" form="outgrowing-one-machine">
          <LessonKnobs form="outgrowing-one-machine" />
        </LessonControls>
      }
      notice={<EngineLessonNotice lesson="outgrowing-one-machine" />}
    >
      <OutgrowingResults running={running} />
    </LessonFrame>
  );
}
