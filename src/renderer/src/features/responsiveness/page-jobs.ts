/** The two placements the page runs itself: its own thread (it freezes) and a Web Worker (it does not). */
import { countPrimesBlocking } from '../../../../shared/cpu-job';
import type { PageJobs } from '../../controller/job-controller';
import { afterNextPaint } from '../../perf/frame-meter';
import type { JobWorkerReply, JobWorkerRequest } from './job-worker';

/** Counts on this page's thread, after one frame has painted so the press itself shows. */
async function onRendererThread(start: number, end: number): Promise<number> {
  await afterNextPaint();
  return countPrimesBlocking(start, end);
}

/**
 * Counts in a new module Web Worker, terminated when it answers: a worker per job, so its start-up
 * (a few ms) is part of the job time, and no idle thread stays behind.
 */
function inWebWorker(start: number, end: number): Promise<number> {
  const worker = new Worker(new URL('./job-worker.ts', import.meta.url), { type: 'module', name: 'cpu-job' });
  return new Promise<number>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<JobWorkerReply>) => resolve(event.data.count);
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'the Web Worker failed to start'));
    };
    worker.postMessage({ start, end } satisfies JobWorkerRequest);
  }).finally(() => worker.terminate());
}

/** The page's job runners. */
export const pageJobs: PageJobs = { onRendererThread, inWebWorker };
