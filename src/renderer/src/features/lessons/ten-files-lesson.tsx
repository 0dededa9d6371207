/** Lesson: ten files, waited on or computed, under sequential, async, threads and processes. */
import type { ReactNode } from 'react';
import { formOf, type TenFilesVariant } from '../../store/lessons-slice-forms';
import { useLab } from '../../store/store-context';
import { ChoiceGroup } from './choice-group';
import { LessonControls } from './lesson-actions';
import { LessonFrame } from './lesson-frame';
import { WillRun } from './will-run';
import { LessonKnobs } from './lesson-knobs';
import { PythonRows } from './python-rows';
import { RunLessonLive } from './run-lesson-live';
import { RunLessonNotice } from './run-lesson-notice';
import { TenFilesWhy } from './ten-files-why';

const VARIANTS = [
  { value: 'io', label: 'I/O (waiting)' },
  { value: 'cpu', label: 'CPU (computing)' },
] as const;

function Intro(): ReactNode {
  return (
    <>
      <p>
        <strong>The classic.</strong> Ten files to handle, two seconds each in the classic version. Whether
        handling a file means <em>waiting</em> (a disk, a network share, a remote API) or <em>computing</em>{' '}
        (parsing, counting words) decides which model wins — the root of Python’s rule of thumb: threads or
        asyncio for waiting, processes for computing.
      </p>
      <p>
        <strong>I/O</strong>: each task is a simulated wait (<code>io-sleep</code>). <strong>CPU</strong>:
        each task counts the words of a generated text file sized to cost the task time on this machine (
        <code>cpu-wordcount</code>). The four models race on the same tasks, one after another, each with the
        whole machine.
      </p>
      <p>
        Tasks default to 500 ms (I/O) and 300 ms (CPU) so a race takes seconds on two cores; type 2000 for the
        classic (a race of about a minute). The line under the title says what Run will run.
      </p>
    </>
  );
}

/** The lesson. */
export function TenFilesLesson(): ReactNode {
  const variant = useLab((s) => s.lessons.variant);
  const variantChosen = useLab((s) => s.variantChosen);
  const form = formOf('ten-files', variant) as 'ten-files-io' | 'ten-files-cpu';
  return (
    <LessonFrame
      id="ten-files"
      subtitle={<WillRun form={form} />}
      intro={<Intro />}
      controls={
        <LessonControls lesson="ten-files" form={form}>
          <ChoiceGroup<TenFilesVariant>
            legend="Variant"
            choices={VARIANTS}
            value={variant}
            onChange={variantChosen}
          />
          <LessonKnobs key={form} form={form} />
          <PythonRows
            form={form}
            what="the classic assignment in real Python — an abstract FileProcessor with threaded, multiprocessing and asyncio subclasses (its code: “Python code” on each row)"
          />
        </LessonControls>
      }
      notice={<RunLessonNotice form={form} />}
    >
      <RunLessonLive form={form} />
      <TenFilesWhy variant={variant} />
    </LessonFrame>
  );
}
