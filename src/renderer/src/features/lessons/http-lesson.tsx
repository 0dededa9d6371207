/** Lesson: many HTTP requests to the embedded slow server under async, threads, processes and sequential. */
import type { ReactNode } from 'react';
import { LessonControls } from './lesson-actions';
import { LessonFrame } from './lesson-frame';
import { WillRun } from './will-run';
import { LessonKnobs } from './lesson-knobs';
import { PythonRows } from './python-rows';
import { InFlightPanel } from './in-flight-panel';
import { RunLessonLive } from './run-lesson-live';
import { RunLessonNotice } from './run-lesson-notice';

function Intro(): ReactNode {
  return (
    <>
      <p>
        <strong>Many connections.</strong> A crawler or an API client sends hundreds of requests and spends
        nearly all its time waiting for answers. asyncio keeps thousands of sockets on one thread; a thread
        pool overlaps only as many requests as it has threads; every process costs start-up and memory.
      </p>
      <p>
        The server is embedded (127.0.0.1, in its own process, nothing leaves the machine).{' '}
        <strong>Server latency</strong> is how long it waits before answering each request.{' '}
        <strong>Async concurrency</strong> caps the requests in flight, like an <code>asyncio.Semaphore</code>{' '}
        around <code>gather</code>; empty means no cap.
      </p>
      <p>
        Classic: 1000 requests. 200 by default, so sequential — one request at a time — takes seconds; the
        line under the title says what Run will run.
      </p>
    </>
  );
}

/** The lesson. */
export function HttpLesson(): ReactNode {
  return (
    <LessonFrame
      id="http-requests"
      subtitle={<WillRun form="http-requests" />}
      intro={<Intro />}
      controls={
        <LessonControls lesson="http-requests" form="http-requests">
          <LessonKnobs form="http-requests" />
          <PythonRows
            form="http-requests"
            what="the same requests from real Python: urllib in a loop, a thread pool and processes, asyncio streams"
          />
        </LessonControls>
      }
      notice={<RunLessonNotice form="http-requests" />}
    >
      <RunLessonLive form="http-requests" visual={<InFlightPanel />} />
    </LessonFrame>
  );
}
