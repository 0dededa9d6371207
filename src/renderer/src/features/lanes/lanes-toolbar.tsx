/** The timeline's toolbar: zoom out, zoom in, fit, one axis or one per model, and what stretch is on screen. */
import type { ReactNode } from 'react';
import { isFit, magnification } from '../../charts/lanes-viewport';
import type { TimeAxisMode } from '../../charts/lanes-layout';
import { formatAt } from './task-words';
import type { TimelineView, TimelineViewState } from './timeline-view';

/**
 * What stretch of the run is on screen, in words: "Whole run: 0 – 20.000 s", "Showing 1.204 s –
 * 1.452 s (×80)", or with one axis per model "Each model: 27.7 % – 28.5 % of its run (×122)".
 */
export function rangeWords(state: TimelineViewState, domainMs: number | null): string {
  if (domainMs === null) return 'No run on screen';
  const { start, end } = state.look.viewport;
  const perModel = state.look.axis === 'per-model';
  if (isFit(state.look.viewport))
    return perModel ? 'Each model’s whole run' : `Whole run: 0 – ${formatAt(domainMs)}`;
  const zoom = magnification(state.look.viewport);
  const times = perModel
    ? `Each model: ${percent(start)} – ${percent(end)} of its run`
    : `Showing ${formatSpan(start * domainMs, end * domainMs)}`;
  return `${times} (×${zoom >= 100 ? Math.round(zoom) : zoom.toFixed(1)})`;
}

/** Both ends of a stretch with as many decimals as tell them apart: "779.65120 ms – 779.65200 ms". */
export function formatSpan(fromMs: number, toMs: number): string {
  const seconds = toMs >= 1000;
  const scale = seconds ? 1000 : 1;
  const span = (toMs - fromMs) / scale;
  const decimals = Math.min(9, Math.max(seconds ? 3 : 1, Math.ceil(-Math.log10(Math.max(span, 1e-12))) + 1));
  const unit = seconds ? 's' : 'ms';
  return `${(fromMs / scale).toFixed(decimals)} ${unit} – ${(toMs / scale).toFixed(decimals)} ${unit}`;
}

function percent(fraction: number): string {
  const value = fraction * 100;
  return `${value.toFixed(value !== 0 && Math.abs(value) < 1 ? 3 : 1)} %`;
}

const AXES: readonly { readonly value: TimeAxisMode; readonly label: string }[] = [
  { value: 'shared', label: 'One time axis' },
  { value: 'per-model', label: 'One per model' },
];

/** The toolbar above the canvas. */
export function LanesToolbar({
  view,
  state,
  domainMs,
  describedBy,
}: {
  readonly view: TimelineView;
  readonly state: TimelineViewState;
  /** The axis's length at "fit" (the longest run on a shared axis), null before a run. */
  readonly domainMs: number | null;
  readonly describedBy: string;
}): ReactNode {
  const fit = isFit(state.look.viewport);
  return (
    <div className="lanes-toolbar" role="toolbar" aria-label="Timeline" aria-describedby={describedBy}>
      <div className="button-row lanes-zoom">
        <button
          type="button"
          className="button button-small"
          onClick={() => view.zoom(1 / view.steps.zoom)}
          disabled={fit}
          aria-label="Zoom out"
          title="Zoom out (−)"
        >
          −
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => view.zoom(view.steps.zoom)}
          disabled={domainMs === null}
          aria-label="Zoom in"
          title="Zoom in (+)"
        >
          +
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => view.fit()}
          disabled={fit}
          title="Show the whole run (0)"
        >
          Fit
        </button>
      </div>
      <fieldset className="lanes-axis">
        <legend className="visually-hidden">Time axis</legend>
        {AXES.map((axis) => (
          <label key={axis.value} className="lanes-axis-choice">
            <input
              type="radio"
              name={`${describedBy}-axis`}
              value={axis.value}
              checked={state.look.axis === axis.value}
              onChange={() => view.axisChosen(axis.value)}
            />
            {axis.label}
          </label>
        ))}
      </fieldset>
      <output className="lanes-range" aria-label="Time range on screen">
        {rangeWords(state, domainMs)}
      </output>
    </div>
  );
}
