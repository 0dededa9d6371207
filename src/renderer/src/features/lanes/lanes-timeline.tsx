/**
 * A lanes timeline as a profiler shows one: toolbar, canvas, the tooltip of the task under the
 * pointer, and the selected task's details. `select` picks the run it shows from the store (the live
 * run, or a run re-opened in History); it must be a module-level function.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { shallow } from 'zustand/shallow';
import type { LanesRenderer } from '../../charts/lanes-renderer';
import { latestTime, type LanesInput } from '../../charts/lanes-layout';
import type { LabState } from '../../store/lab-store';
import { useLab, useTimelineQueries } from '../../store/store-context';
import { LanesToolbar } from './lanes-toolbar';
import { TaskDetails, TaskTooltip } from './task-details';
import { TIMELINE_KEYS_HELP } from './timeline-keys';
import { createTimelineView, cursorWords } from './timeline-view';
import { useLanesTimeline } from './use-lanes-timeline';
import './lanes.css';

/** The longest run's length among the input's models, or null before any snapshot. */
function domainOf(input: LanesInput): number | null {
  const times = input.models.flatMap((model) => {
    const snapshot = input.snapshots[model];
    return snapshot ? [latestTime(snapshot)] : [];
  });
  return times.length === 0 ? null : Math.max(...times);
}

/** The timeline of the run `select` picks; `hidden` keeps it mounted but out of sight (no run yet). */
export function LanesTimeline({
  select,
  hidden = false,
}: {
  readonly select: (state: LabState) => LanesInput;
  readonly hidden?: boolean;
}): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<LanesRenderer | null>(null);
  const queries = useTimelineQueries();
  const [view] = useState(() => createTimelineView(queries, () => rendererRef.current?.layout() ?? null));
  useEffect(() => () => view.dispose(), [view]);
  useLanesTimeline(canvasRef, rendererRef, select, shallow, view);
  const state = useSyncExternalStore(view.subscribe, view.getState);
  const domainMs = useLab((s) => domainOf(select(s)));
  const helpId = useId();
  const boxWidth = boxRef.current?.clientWidth ?? 0;
  return (
    <div className={`lanes-timeline${hidden ? ' hidden' : ''}`}>
      <LanesToolbar view={view} state={state} domainMs={domainMs} describedBy={helpId} />
      <p id={helpId} className="visually-hidden">
        {TIMELINE_KEYS_HELP}
      </p>
      <div className="lanes-box" ref={boxRef}>
        <canvas
          ref={canvasRef}
          role="img"
          tabIndex={0}
          aria-label="Lanes timeline: no run yet."
          aria-describedby={helpId}
        />
        <output className="visually-hidden" aria-label="Timeline cursor">
          {cursorWords(state.cursor, rendererRef.current?.layout() ?? null)}
        </output>
        <TaskTooltip lookup={state.hover} boxWidth={boxWidth} />
        {state.hint && (
          <p className="lanes-hint" role="status">
            {state.hint}
          </p>
        )}
      </div>
      <TaskDetails lookup={state.selected} onClose={() => view.clearSelection()} />
    </div>
  );
}
