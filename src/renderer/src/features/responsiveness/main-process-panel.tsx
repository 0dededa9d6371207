/**
 * The main process's side: its event-loop delay and utilisation from `system:stats`, and its heartbeat.
 * When a heartbeat arrives after a long silence the panel says so, with the gap it measured.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { HEARTBEAT_MS } from '../../../../shared/ipc';
import { createSparkline } from '../../charts/sparkline';
import { onColorSchemeChange, readThemeColors } from '../../charts/theme-colors';
import { formatDelay, formatDuration, formatShare } from '../../format/format';
import { selectStall, stallMessage } from '../../store/heartbeat-slice';
import { selectLatestStats } from '../../store/system-slice';
import { useLab, useLabStore } from '../../store/store-context';
import { Panel } from '../../ui/panel';

function DelayMaxSparkline(): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const store = useLabStore();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const sparkline = createSparkline(canvas, readThemeColors().text);
    const unsubscribe = store.subscribe(
      (s) => s.system.samples,
      (samples) => sparkline.update(samples.map((sample) => sample.eventLoopDelay.max)),
      { fireImmediately: true },
    );
    const stopTheme = onColorSchemeChange(() => sparkline.setColor(readThemeColors().text));
    return () => {
      stopTheme();
      unsubscribe();
      sparkline.destroy();
    };
  }, [store]);
  return <canvas ref={canvasRef} className="sparkline sparkline-wide" aria-hidden="true" />;
}

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
        <DelayMaxSparkline />
      </div>
      <p className="hint">
        Sampled once a second (perf_hooks: delay histogram, event-loop utilisation). A blocked main process is
        a window that stops responding in Electron, and a stalled server in browser mode.
      </p>
    </Panel>
  );
}
