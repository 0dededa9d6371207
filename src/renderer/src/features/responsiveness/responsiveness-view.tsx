/**
 * The Responsiveness view: this page's and the main process's heartbeats side by side with the job
 * buttons, the results of every press, and the async trap.
 */
import type { ReactNode } from 'react';
import { AsyncTrapPanel } from './async-trap-panel';
import { HeartbeatPanel } from './heartbeat-panel';
import { JobPanel } from './job-panel';
import { JobResults } from './job-results';
import { MainProcessPanel } from './main-process-panel';
import './responsiveness.css';

/** The view. */
export function ResponsivenessView(): ReactNode {
  return (
    <main className="lab-main">
      <div className="lab-watch">
        <HeartbeatPanel />
        <MainProcessPanel />
      </div>
      <div className="lab-work">
        <JobPanel />
        <JobResults />
        <AsyncTrapPanel />
      </div>
    </main>
  );
}
