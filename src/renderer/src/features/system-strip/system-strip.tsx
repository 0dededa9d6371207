/** The live system strip: main-process event-loop delay (p99, max), CPU, memory, and this page's frame times. */
import type { ReactNode } from 'react';
import { formatDelay, formatMb, formatPercent } from '../../../../shared/format';
import { selectLatestStats } from '../../store/system-slice';
import { useLab } from '../../store/store-context';
import { LoopDelaySparkline } from './loop-delay-sparkline';
import './system-strip.css';

/** Event-loop delay above this is a visible stall (a dropped frame or more). */
const STALL_MS = 50;

/** The strip at the bottom of the window. */
export function SystemStrip(): ReactNode {
  const stats = useLab(selectLatestStats);
  const frames = useLab((s) => s.system.frames);
  const stalled = stats !== undefined && stats.eventLoopDelay.p99 > STALL_MS;
  return (
    <footer className="system-strip" aria-label="System">
      <div className={`stat${stalled ? ' stat-warn' : ''}`}>
        <span className="stat-label">Main event loop delay</span>
        <span className="stat-value">
          {stats ? (
            <>
              p99 {formatDelay(stats.eventLoopDelay.p99)} · max {formatDelay(stats.eventLoopDelay.max)}
              {stalled && <span className="stat-flag"> stalled</span>}
            </>
          ) : (
            'waiting for stats…'
          )}
        </span>
        <LoopDelaySparkline metric="p99" />
      </div>
      <div className="stat">
        <span className="stat-label">CPU</span>
        <span className="stat-value">
          {stats
            ? `main ${formatPercent(stats.processCpuPercent)} · machine ${formatPercent(stats.machineCpuPercent)}`
            : '—'}
        </span>
      </div>
      <div className="stat">
        <span className="stat-label">Memory</span>
        <span className="stat-value">
          {stats ? `RSS ${formatMb(stats.rssMb)} · heap ${formatMb(stats.heapUsedMb)}` : '—'}
        </span>
      </div>
      <div className="stat">
        <span className="stat-label">UI frames</span>
        <span className="stat-value">
          {frames ? `p95 ${formatDelay(frames.p95)} · max ${formatDelay(frames.max)}` : '—'}
        </span>
      </div>
    </footer>
  );
}
