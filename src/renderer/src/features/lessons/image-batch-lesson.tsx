/** Lesson: a batch of images processed under sequential, gil-threads, threads and processes, tile by tile. */
import type { ReactNode } from 'react';
import { ImageTilesPanel } from './image-tiles-panel';
import { LessonControls } from './lesson-actions';
import { LessonFrame } from './lesson-frame';
import { WillRun } from './will-run';
import { LessonKnobs } from './lesson-knobs';
import { RunLessonLive } from './run-lesson-live';
import { RunLessonNotice } from './run-lesson-notice';

function Intro(): ReactNode {
  return (
    <>
      <p>
        <strong>A folder of photos.</strong> Each image is converted to grayscale, then blurred: pure
        computing, on big inputs — every image’s pixels must reach a worker and come back. In Python this is
        the <code>multiprocessing.Pool</code> classic; threads would take turns under the GIL, which{' '}
        <code>gil-threads</code> shows here.
      </p>
      <p>
        Each tile is one image. Watch which lane — thread, process — takes which image, and how many images
        each model has in progress at once. Threads default to one per core: for computing, more threads than
        cores only take turns.
      </p>
    </>
  );
}

/** The lesson. */
export function ImageBatchLesson(): ReactNode {
  return (
    <LessonFrame
      id="image-batch"
      subtitle={<WillRun form="image-batch" />}
      intro={<Intro />}
      controls={
        <LessonControls lesson="image-batch" form="image-batch">
          <LessonKnobs form="image-batch" />
        </LessonControls>
      }
      notice={<RunLessonNotice form="image-batch" />}
    >
      <RunLessonLive form="image-batch" visual={<ImageTilesPanel />} />
    </LessonFrame>
  );
}
