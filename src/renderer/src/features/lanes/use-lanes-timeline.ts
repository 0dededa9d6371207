/**
 * Mounts a lanes timeline on a canvas: the renderer fed from the store (store.subscribe, never a
 * React render per snapshot), the view's scene drawn on every change, and the canvas's pointer,
 * wheel and keys turned into the view's events — hover asks for the task under the pointer, a click
 * selects it, the wheel (with focus or Ctrl, as trackpads pinch) zooms around the pointer, a drag
 * pans, and the keys do the same without a mouse.
 */
import { useEffect, type RefObject } from 'react';
import { createLanesRenderer, type LanesRenderer } from '../../charts/lanes-renderer';
import { hitTest } from '../../charts/lanes-hit';
import type { LanesInput } from '../../charts/lanes-layout';
import { onColorSchemeChange, readThemeColors } from '../../charts/theme-colors';
import type { LabState } from '../../store/lab-store';
import { useLabStore } from '../../store/store-context';
import { timelineKeyAction, wheelZoomFactor } from './timeline-keys';
import type { TimelineView } from './timeline-view';

/** Pixels a press may move and still be a click rather than a drag. */
const CLICK_SLOP_PX = 4;

/** The point of an event in the canvas's own CSS pixels (presenter mode zooms the page). */
function pointIn(
  canvas: HTMLCanvasElement,
  event: { clientX: number; clientY: number },
): { x: number; y: number } {
  const rect = canvas.getBoundingClientRect();
  const scale = rect.width > 0 ? canvas.clientWidth / rect.width : 1;
  return { x: (event.clientX - rect.left) * scale, y: (event.clientY - rect.top) * scale };
}

function plotAnchor(renderer: LanesRenderer, x: number): number {
  const layout = renderer.layout();
  if (!layout) return 0.5;
  return (x - layout.plotLeft) / Math.max(1, layout.plotRight - layout.plotLeft);
}

function plotWidth(renderer: LanesRenderer): number {
  const layout = renderer.layout();
  return layout ? Math.max(1, layout.plotRight - layout.plotLeft) : 1;
}

/** Wires `canvas` to the store through `select` and to `view`; `rendererRef` gets the renderer for the view's hit tests. */
export function useLanesTimeline(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  rendererRef: RefObject<LanesRenderer | null>,
  select: (state: LabState) => LanesInput,
  equal: (a: LanesInput, b: LanesInput) => boolean,
  view: TimelineView,
): void {
  const store = useLabStore();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const renderer = createLanesRenderer(canvas, readThemeColors());
    rendererRef.current = renderer;
    const unsubscribe = store.subscribe(
      select,
      (input) => {
        view.inputChanged(input);
        renderer.update(input);
      },
      { equalityFn: equal, fireImmediately: true },
    );
    renderer.setScene(view.scene());
    const stopView = view.subscribe(() => renderer.setScene(view.scene()));
    const stopTheme = onColorSchemeChange(() => renderer.setColors(readThemeColors()));
    const observer = canvas.parentElement ? new ResizeObserver(() => renderer.resize?.()) : null;
    if (observer && canvas.parentElement) observer.observe(canvas.parentElement);

    let press: { x: number; lastX: number; moved: boolean } | null = null;
    let pending: PointerEvent | null = null;
    let frame: number | null = null;
    const hover = (): void => {
      frame = null;
      if (!pending) return;
      const { x, y } = pointIn(canvas, pending);
      pending = null;
      const layout = renderer.layout();
      view.pointed(layout ? hitTest(layout, x, y) : null, x, y);
    };
    const onPointerDown = (event: PointerEvent): void => {
      if (event.button !== 0) return;
      const { x } = pointIn(canvas, event);
      press = { x, lastX: x, moved: false };
      canvas.setPointerCapture(event.pointerId);
    };
    const onPointerMove = (event: PointerEvent): void => {
      if (press) {
        const { x } = pointIn(canvas, event);
        if (Math.abs(x - press.x) > CLICK_SLOP_PX) press.moved = true;
        if (press.moved) {
          view.pan(-(x - press.lastX) / plotWidth(renderer));
          press.lastX = x;
          return;
        }
      }
      pending = event;
      frame ??= requestAnimationFrame(hover);
    };
    const onPointerUp = (event: PointerEvent): void => {
      if (!press) return;
      const wasDrag = press.moved;
      press = null;
      if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
      if (wasDrag) return;
      const { x, y } = pointIn(canvas, event);
      const layout = renderer.layout();
      void view.chosen(layout ? hitTest(layout, x, y) : null, x, y);
    };
    const onPointerLeave = (): void => {
      pending = null;
      if (!press) view.left();
    };
    const onWheel = (event: WheelEvent): void => {
      // Plain scrolling over the page must keep scrolling it: the wheel zooms once the timeline has focus, or with Ctrl (a pinch).
      if (!event.ctrlKey && document.activeElement !== canvas) return view.wheelIgnored();
      event.preventDefault();
      const { x } = pointIn(canvas, event);
      if (Math.abs(event.deltaX) > Math.abs(event.deltaY)) view.pan(event.deltaX / plotWidth(renderer));
      else view.zoom(wheelZoomFactor(event.deltaY, event.deltaMode), plotAnchor(renderer, x));
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = timelineKeyAction(event);
      if (!action) return;
      if (action.kind === 'clear' && !view.clearSelection()) return;
      // The page's shortcuts (← → change views, Esc cancels) must not fire as well.
      event.preventDefault();
      event.stopPropagation();
      const state = view.getState();
      const layout = renderer.layout();
      const cursorRow = state.cursor && layout ? layout.rows[state.cursor.row] : undefined;
      const cursorX =
        state.cursor && cursorRow && layout
          ? (layout.scales[cursorRow.model] ?? layout.shared).x(state.cursor.ms)
          : null;
      switch (action.kind) {
        case 'zoom':
          return view.zoom(action.factor, cursorX !== null ? plotAnchor(renderer, cursorX) : 0.5);
        case 'pan':
          return view.pan(action.by);
        case 'fit':
          return view.fit();
        case 'row':
          return view.cursorMoved(action.by);
        case 'choose':
          return void view.cursorChosen();
        case 'clear':
          return;
      }
    };
    const onFocus = (): void => view.focused(canvas.matches(':focus-visible'));
    const onBlur = (): void => view.focused(false);
    canvas.addEventListener('pointerdown', onPointerDown);
    canvas.addEventListener('pointermove', onPointerMove);
    canvas.addEventListener('pointerup', onPointerUp);
    canvas.addEventListener('pointercancel', onPointerUp);
    canvas.addEventListener('pointerleave', onPointerLeave);
    canvas.addEventListener('wheel', onWheel, { passive: false });
    canvas.addEventListener('keydown', onKeyDown);
    canvas.addEventListener('focus', onFocus);
    canvas.addEventListener('blur', onBlur);
    return () => {
      canvas.removeEventListener('pointerdown', onPointerDown);
      canvas.removeEventListener('pointermove', onPointerMove);
      canvas.removeEventListener('pointerup', onPointerUp);
      canvas.removeEventListener('pointercancel', onPointerUp);
      canvas.removeEventListener('pointerleave', onPointerLeave);
      canvas.removeEventListener('wheel', onWheel);
      canvas.removeEventListener('keydown', onKeyDown);
      canvas.removeEventListener('focus', onFocus);
      canvas.removeEventListener('blur', onBlur);
      if (frame !== null) cancelAnimationFrame(frame);
      observer?.disconnect();
      stopTheme();
      stopView();
      unsubscribe();
      renderer.destroy();
      rendererRef.current = null;
    };
  }, [store, canvasRef, rendererRef, select, equal, view]);
}
