/**
 * This page's heartbeat: a block moved on every frame, a text box to type into, the frame-time chart,
 * and what the last job did to the frames (longest gap, dropped frames, long tasks).
 */
import { useId, type ReactNode } from 'react';
import { formatCount, formatDuration } from '../../../../shared/format';
import { longTasksSupported } from '../../perf/long-task-watcher';
import { selectLastJobRow } from '../../store/responsiveness-slice';
import { useLab } from '../../store/store-context';
import { Panel } from '../../ui/panel';
import { FrameTimeChartBox } from './frame-time-panel';
import { MovingBlock } from './moving-block';
import { placementInfo } from './placements';

function LastJobFigures(): ReactNode {
  const row = useLab(selectLastJobRow);
  const processKind = useLab((s) => s.catalog.value?.processKind ?? 'child_process');
  const source = row?.longTaskSource ?? (longTasksSupported() ? 'longtask' : 'frame-gaps');
  return (
    <div className="last-job">
      <p className="last-job-title">
        {row ? (
          <>
            Last job: <strong>{placementInfo(row.placement, processKind).where}</strong>
          </>
        ) : (
          'No job yet: press a Run button.'
        )}
      </p>
      <dl className="figures">
        <div>
          <dt>Longest frame gap</dt>
          <dd>{row ? formatDuration(row.longestGapMs) : '—'}</dd>
        </div>
        <div>
          <dt>Dropped frames</dt>
          <dd>{row ? formatCount(row.droppedFrames) : '—'}</dd>
        </div>
        <div>
          <dt>Long tasks</dt>
          <dd>{row ? formatCount(row.longTasks) : '—'}</dd>
        </div>
      </dl>
      <p className="hint">
        From the press to the result plus one frame. Dropped frames: gaps over two frame budgets count the
        frames they skipped.{' '}
        {source === 'longtask'
          ? 'Long tasks: as this browser reports them (PerformanceObserver “longtask”).'
          : 'Long tasks: this browser does not report them, so frame gaps over 50 ms are counted.'}
      </p>
    </div>
  );
}

/** The page's panel. */
export function HeartbeatPanel(): ReactNode {
  const inputId = useId();
  return (
    <Panel title="This page (renderer thread)" className="heartbeat-panel">
      <MovingBlock />
      <div className="field type-here">
        <label htmlFor={inputId}>Type here</label>
        <input
          id={inputId}
          type="text"
          autoComplete="off"
          placeholder="…and see whether the letters keep up"
        />
      </div>
      <FrameTimeChartBox />
      <ul className="frame-legend" aria-label="Legend">
        <li>
          <span className="legend-key frame-key-ok" aria-hidden="true" /> on time
        </li>
        <li>
          <span className="legend-key frame-key-dropped" aria-hidden="true" /> dropped frames
        </li>
        <li>
          <span className="legend-key frame-key-long" aria-hidden="true" /> over 50 ms
        </li>
        <li className="frame-legend-note">one bar per frame, as wide and as tall as its gap (log scale)</li>
      </ul>
      <LastJobFigures />
    </Panel>
  );
}
