/**
 * The main process's side: its event-loop delay and utilisation from `system:stats`, and its heartbeat.
 * When a heartbeat arrives after a long silence the panel says so, with the gap it measured.
 */
import type { ReactNode } from 'react';
import { HEARTBEAT_MS } from '../../../../shared/ipc';
import { formatDelay, formatDuration, formatShare } from '../../../../shared/format';
import { selectStall, stallMessage } from '../../store/heartbeat-slice';
import { selectLatestStats } from '../../store/system-slice';
import { useLab } from '../../store/store-context';
import { LoopDelaySparkline } from '../system-strip/loop-delay-sparkline';
import { Panel } from '../../ui/panel';

function StallAlert(): ReactNode {
  const stall = useLab(selectStall);
  if (!stall) return null;
  return (
    <div className="alert stall-alert">
      <p role="alert">
        <strong>{stallMessage(stall)}</strong>
      </p>
      <p className="hint">
        No heartbeat arrived for that long (one is sent every {HEARTBEAT_MS} ms). Shown until the next job
        starts.
      </p>
    </div>
  );
}

/** The main process's panel. */
export function MainProcessPanel(): ReactNode {
  const stats = useLab(selectLatestStats);
  const lastGap = useLab((s) => s.heartbeat.lastGapMs);
  return (
    <Panel title="Main process" className="main-process-panel">
      <StallAlert />
      <dl className="figures">
        <div>
          <dt>Event-loop delay</dt>
          <dd>
            {stats
              ? `p99 ${formatDelay(stats.eventLoopDelay.p99)} · max ${formatDelay(stats.eventLoopDelay.max)}`
              : 'waiting…'}
          </dd>
        </div>
        <div>
          <dt>Event-loop utilisation</dt>
          <dd>{stats ? formatShare(stats.eventLoopUtilization) : '—'}</dd>
        </div>
        <div>
          <dt>Heartbeat</dt>
          <dd>
            every {HEARTBEAT_MS} ms · last gap {lastGap === null ? '—' : formatDuration(lastGap)}
          </dd>
        </div>
      </dl>
      <div className="sparkline-row">
        <span className="hint">Loop delay max, last minute</span>
        <LoopDelaySparkline metric="max" wide />
      </div>
      <p className="hint">
        Sampled once a second (perf_hooks: delay histogram, event-loop utilisation). A blocked main process is
        a window that stops responding in Electron, and a stalled server in browser mode.
      </p>
    </Panel>
  );
}
