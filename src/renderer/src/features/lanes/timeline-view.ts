/**
 * One lanes timeline's own state, kept outside React so that zooming redraws the canvas without
 * re-rendering anything: how it is looked at (zoom, axis mode), the task under the pointer and the
 * selected one (asked of the engine, a few tasks at a time, never more than one question in
 * flight), and the engine's finer windows of the stretch on screen once zoomed in (asked for a
 * moment after zooming stops, with a margin so a small pan needs no new question).
 */
import type { ModelId } from '../../../../shared/models';
import type { LabError, Reply } from '../../../../shared/ipc';
import {
  TIMELINE_MAX_COLUMNS,
  TIMELINE_WINDOW_LANES,
  type TaskDetail,
  type TimelineTasksReply,
  type TimelineTasksRequest,
  type TimelineWindowReply,
  type TimelineWindowRequest,
} from '../../../../shared/timeline';
import { focusableRows, hitRow, type LanesHit } from '../../charts/lanes-hit';
import {
  DEFAULT_LOOK,
  type LanesInput,
  type LanesLayout,
  type LanesLook,
  type TimeAxisMode,
} from '../../charts/lanes-layout';
import type { LanesScene, TaskMark } from '../../charts/lanes-draw';
import { FIT, isFit, panBy, zoomAround, ZOOM_STEP, PAN_STEP } from '../../charts/lanes-viewport';
import { formatAt } from './task-words';

/** The engine's two timeline questions. */
export interface TimelineQueries {
  tasks(request: TimelineTasksRequest): Promise<Reply<TimelineTasksReply>>;
  window(request: TimelineWindowRequest): Promise<Reply<TimelineWindowReply>>;
}

/** What the engine said about a point of the timeline, or why it could not. */
export interface TaskLookup {
  readonly hit: LanesHit;
  /** Where the pointer was, in CSS pixels of the canvas (for placing the tooltip). */
  readonly x: number;
  readonly y: number;
  readonly answer: TimelineTasksReply | null;
  readonly error: string | null;
}

/** Everything the panel shows besides the snapshots. */
export interface TimelineViewState {
  readonly runId: string | null;
  readonly look: LanesLook;
  readonly details: ReadonlyMap<ModelId, TimelineWindowReply>;
  readonly hover: TaskLookup | null;
  readonly selected: TaskLookup | null;
  /** The keyboard cursor (a row of the layout and a time), while the canvas has keyboard focus. */
  readonly cursor: { readonly row: number; readonly ms: number } | null;
  /** A passing hint, e.g. how to zoom with the wheel after it scrolled the page instead. */
  readonly hint: string | null;
}

/** The hint after the wheel scrolled the page over an unfocused timeline. */
export const WHEEL_HINT = 'Click the timeline (or hold Ctrl) to zoom with the wheel; drag to pan.';

/** How long a hint stays, ms. */
const HINT_MS = 2500;

/** The task a lookup found under its point: the nearest one the engine named. */
export function foundTask(lookup: TaskLookup | null): TaskDetail | null {
  return lookup?.answer?.tasks[0] ?? null;
}

/**
 * Where the keyboard cursor is, in words for a screen reader ("threads · thread 2, at 1.204 s"), or
 * '' when there is none: the canvas draws the cursor, this says it.
 */
export function cursorWords(cursor: TimelineViewState['cursor'], layout: LanesLayout | null): string {
  const row = cursor && layout ? layout.rows[cursor.row] : undefined;
  if (!cursor || !row) return '';
  const where =
    row.kind === 'lane'
      ? `${row.model} · ${row.label}`
      : row.kind === 'gil'
        ? `${row.model} · GIL holder`
        : row.model;
  return `${where}, at ${formatAt(cursor.ms)}`;
}

/** Pixels either side of the pointer a task may be and still count as under it. */
const POINTER_SLOP_PX = 3;

/** Quiet time after the last zoom or pan before the finer windows are asked for, ms. */
export const DETAIL_DELAY_MS = 120;

/** How often a live run's finer windows are asked for again while zoomed in, ms. */
export const LIVE_DETAIL_MS = 1000;

/** Tasks a lookup asks for: the one under the pointer, and a few to say how many are there. */
const LOOKUP_LIMIT = 5;

function sameHitPlace(a: LanesHit, b: LanesHit): boolean {
  return a.model === b.model && a.lane === b.lane && Math.abs(a.ms - b.ms) <= a.msPerPx / 2;
}

/** Whether an answer already names a task at the hit's point (no new question needed). */
function answers(lookup: TaskLookup | null, hit: LanesHit): boolean {
  const task = foundTask(lookup);
  if (!lookup || !task || lookup.hit.model !== hit.model || lookup.hit.lane !== hit.lane) return false;
  const slop = POINTER_SLOP_PX * hit.msPerPx;
  return task.startedAt - slop <= hit.ms && hit.ms <= (task.endedAt ?? Infinity) + slop;
}

function message(error: LabError): string {
  return error.code === 'not-found' ? 'The engine no longer has this run’s tasks.' : error.message;
}

/** The state and its events for one timeline; `layout` gives the layout last drawn. */
export function createTimelineView(queries: TimelineQueries, layout: () => LanesLayout | null) {
  let state: TimelineViewState = {
    runId: null,
    look: DEFAULT_LOOK,
    details: new Map(),
    hover: null,
    selected: null,
    cursor: null,
    hint: null,
  };
  let input: LanesInput = { models: [], snapshots: {} };
  const listeners = new Set<() => void>();
  let hoverInFlight = false;
  let hoverWanted: { hit: LanesHit; x: number; y: number } | null = null;
  let detailTimer: ReturnType<typeof setTimeout> | null = null;
  let detailAskedAt = 0;
  let hintTimer: ReturnType<typeof setTimeout> | null = null;

  const set = (next: Partial<TimelineViewState>): void => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };

  const running = (): boolean =>
    input.models.some((model) => {
      const snapshot = input.snapshots[model];
      return snapshot?.state === 'running' || snapshot?.state === 'starting';
    });

  async function lookup(hit: LanesHit, x: number, y: number): Promise<TaskLookup> {
    const runId = state.runId;
    if (runId === null)
      return { hit, x, y, answer: null, error: 'This run cannot be asked about its tasks.' };
    const slop = POINTER_SLOP_PX * hit.msPerPx;
    const reply = await queries.tasks({
      runId,
      model: hit.model,
      lane: hit.lane,
      fromMs: Math.max(0, hit.ms - slop),
      toMs: Math.max(0, hit.ms + slop),
      limit: LOOKUP_LIMIT,
    });
    return reply.ok
      ? { hit, x, y, answer: reply.value, error: null }
      : { hit, x, y, answer: null, error: message(reply.error) };
  }

  async function askHover(): Promise<void> {
    const wanted = hoverWanted;
    if (hoverInFlight || !wanted) return;
    hoverWanted = null;
    // Pointed again near the task the last answer named: nothing new to ask.
    if (answers(state.hover, wanted.hit)) return;
    hoverInFlight = true;
    const runId = state.runId;
    const found = await lookup(wanted.hit, wanted.x, wanted.y);
    hoverInFlight = false;
    // Still pointing there (or near): show it; a newer point is asked next.
    if (state.runId === runId && state.hover && sameHitPlace(state.hover.hit, wanted.hit))
      set({ hover: found });
    else if (state.runId === runId && state.hover && answers(found, state.hover.hit))
      set({ hover: { ...found, hit: state.hover.hit, x: state.hover.x, y: state.hover.y } });
    void askHover();
  }

  function scheduleDetails(delay = DETAIL_DELAY_MS): void {
    if (detailTimer !== null) clearTimeout(detailTimer);
    detailTimer = setTimeout(() => {
      detailTimer = null;
      void askDetails();
    }, delay);
  }

  async function askDetails(): Promise<void> {
    const drawn = layout();
    const runId = state.runId;
    if (!drawn || runId === null || isFit(state.look.viewport)) return;
    detailAskedAt = Date.now();
    const width = drawn.plotRight - drawn.plotLeft;
    const questions = input.models.flatMap((model) => {
      const scale = drawn.scales[model];
      const lanes = drawn.rows.flatMap((row) =>
        row.kind === 'lane' && row.model === model ? [row.index] : [],
      );
      if (!scale || !input.snapshots[model] || lanes.length === 0) return [];
      const span = scale.toMs - scale.fromMs;
      const fromMs = Math.max(0, scale.fromMs - span / 2);
      const toMs = Math.min(scale.domainMs, scale.toMs + span / 2);
      const columns = Math.max(
        1,
        Math.min(TIMELINE_MAX_COLUMNS, Math.round((width * (toMs - fromMs)) / span)),
      );
      return [{ runId, model, fromMs, toMs, columns, lanes: lanes.slice(0, TIMELINE_WINDOW_LANES) }];
    });
    const replies = await Promise.all(questions.map((question) => queries.window(question)));
    if (state.runId !== runId) return;
    const details = new Map(state.details);
    replies.forEach((reply, i) => {
      if (reply.ok) details.set(questions[i]!.model, reply.value);
    });
    set({ details });
    if (running() && !isFit(state.look.viewport)) scheduleDetails(LIVE_DETAIL_MS);
  }

  function look(next: LanesLook): void {
    if (next.viewport === state.look.viewport && next.axis === state.look.axis) return;
    // At "fit" the snapshot says it all; zoomed in, the engine's windows fill in the tasks.
    set({ look: next, details: isFit(next.viewport) ? new Map() : state.details });
    if (!isFit(next.viewport)) scheduleDetails();
  }

  function cursorAt(rowIndex: number): { row: number; ms: number } | null {
    const drawn = layout();
    const row = drawn?.rows[rowIndex];
    if (!drawn || !row) return null;
    const scale = drawn.scales[row.model] ?? drawn.shared;
    const ms =
      state.cursor && state.cursor.ms >= scale.fromMs && state.cursor.ms <= scale.toMs
        ? state.cursor.ms
        : (scale.fromMs + scale.toMs) / 2;
    return { row: rowIndex, ms };
  }

  /** A click (or Enter) on `hit`: its task is shown in the details; elsewhere the selection is cleared. */
  async function chosen(hit: LanesHit | null, x: number, y: number): Promise<void> {
    if (!hit || hit.kind !== 'lane') return set({ selected: null });
    const known = answers(state.hover, hit) ? state.hover!.answer : null;
    set({ selected: { hit, x, y, answer: known, error: null } });
    if (known) return;
    const runId = state.runId;
    const found = await lookup(hit, x, y);
    if (state.runId === runId && state.selected?.hit === hit) set({ selected: found });
  }

  /** Moves the keyboard cursor `by` rows (lanes and GIL tracks), showing it if hidden. */
  function cursorMoved(by: number): void {
    const drawn = layout();
    if (!drawn) return;
    const rows = focusableRows(drawn);
    if (rows.length === 0) return;
    const at = state.cursor ? rows.indexOf(state.cursor.row) : -1;
    const next = rows[Math.min(rows.length - 1, Math.max(0, at < 0 ? 0 : at + by))]!;
    set({ cursor: cursorAt(next) });
  }

  return {
    getState: (): TimelineViewState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** What the renderer draws besides the snapshots. */
    scene(): LanesScene {
      const marks: TaskMark[] = [];
      const hovered = foundTask(state.hover);
      const selected = foundTask(state.selected);
      if (hovered && hovered.task !== selected?.task) marks.push({ ...hovered, kind: 'hover' });
      if (selected) marks.push({ ...selected, kind: 'selected' });
      return { look: state.look, details: state.details, marks, cursor: state.cursor };
    },
    /** New snapshots: a new run starts the view afresh; a live run's windows are refreshed now and then. */
    inputChanged(next: LanesInput): void {
      input = next;
      const runId = next.runId ?? null;
      if (runId !== state.runId) {
        set({
          runId,
          look: { ...state.look, viewport: FIT },
          details: new Map(),
          hover: null,
          selected: null,
          cursor: null,
        });
        return;
      }
      if (
        running() &&
        !isFit(state.look.viewport) &&
        detailTimer === null &&
        Date.now() - detailAskedAt > LIVE_DETAIL_MS
      )
        scheduleDetails(0);
    },
    /** Zooms by `factor` (above 1: in) around `anchor`, a fraction of the plot's width. */
    zoom(factor: number, anchor = 0.5): void {
      look({ ...state.look, viewport: zoomAround(state.look.viewport, factor, anchor) });
    },
    /** Moves by `fraction` of the visible stretch (positive: later). */
    pan(fraction: number): void {
      look({ ...state.look, viewport: panBy(state.look.viewport, fraction) });
    },
    /** The whole run again. */
    fit(): void {
      look({ ...state.look, viewport: FIT });
    },
    axisChosen(axis: TimeAxisMode): void {
      look({ ...state.look, axis });
      if (!isFit(state.look.viewport)) scheduleDetails();
    },
    /** The pointer is over `hit` (or nothing) at (x, y). */
    pointed(hit: LanesHit | null, x: number, y: number): void {
      if (!hit || hit.kind !== 'lane') {
        if (state.hover) set({ hover: null });
        return;
      }
      if (answers(state.hover, hit)) {
        set({ hover: { ...state.hover!, hit, x, y } });
        return;
      }
      set({ hover: { hit, x, y, answer: null, error: null } });
      hoverWanted = { hit, x, y };
      void askHover();
    },
    left(): void {
      hoverWanted = null;
      if (state.hover) set({ hover: null });
    },
    chosen,
    clearSelection(): boolean {
      if (!state.selected) return false;
      set({ selected: null });
      return true;
    },
    cursorMoved,
    /** The keyboard cursor's task, chosen as a click would. */
    cursorChosen(): Promise<void> {
      const drawn = layout();
      const cursor = state.cursor;
      if (!drawn || !cursor) return Promise.resolve();
      const row = drawn.rows[cursor.row];
      const scale = row ? (drawn.scales[row.model] ?? drawn.shared) : null;
      const x = scale?.x(cursor.ms) ?? 0;
      return chosen(scale ? hitRow(drawn, cursor.row, x) : null, x, row?.y ?? 0);
    },
    /** Keyboard focus came or went: the cursor shows only while the canvas has it. */
    focused(has: boolean): void {
      if (!has) set({ cursor: null });
      else if (!state.cursor) cursorMoved(0);
    },
    /** The wheel scrolled the page over the timeline: say how to zoom with it instead. */
    wheelIgnored(): void {
      if (state.hint === WHEEL_HINT) return;
      set({ hint: WHEEL_HINT });
      hintTimer = setTimeout(() => {
        hintTimer = null;
        set({ hint: null });
      }, HINT_MS);
    },
    /** Steps of the keyboard and the buttons. */
    steps: { zoom: ZOOM_STEP, pan: PAN_STEP },
    dispose(): void {
      if (detailTimer !== null) clearTimeout(detailTimer);
      if (hintTimer !== null) clearTimeout(hintTimer);
      listeners.clear();
    },
  };
}

/** One timeline's state and events. */
export type TimelineView = ReturnType<typeof createTimelineView>;
