/** The live system strip: main-process event-loop delay (p99, max), CPU, memory, and this page's frame times. */
import { useEffect, useRef, type ReactNode } from 'react';
import { createSparkline } from '../../charts/sparkline';
import { onColorSchemeChange, readThemeColors } from '../../charts/theme-colors';
import { formatDelay, formatMb, formatPercent } from '../../format/format';
import { selectLatestStats } from '../../store/system-slice';
import { useLab, useLabStore } from '../../store/store-context';
import './system-strip.css';

/** Event-loop delay above this is a visible stall (a dropped frame or more). */
const STALL_MS = 50;

function DelaySparkline(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const store = useLabStore();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const sparkline = createSparkline(canvas, readThemeColors().text);
    const unsubscribe = store.subscribe(
      (s) => s.system.samples,
      (samples) => sparkline.update(samples.map((sample) => sample.eventLoopDelay.p99)),
      { fireImmediately: true },
    );
    const stopTheme = onColorSchemeChange(() => sparkline.setColor(readThemeColors().text));
    return () => {
      stopTheme();
      unsubscribe();
      sparkline.destroy();
    };
  }, [store]);
  return <canvas ref={canvasRef} className="sparkline" aria-hidden="true" />;
}

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
        <DelaySparkline />
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
