/**
 * Where each view keeps its run: the Race view, the GIL lesson (both of its comparisons) and each run
 * lesson's form. A run goes to the slot of the view that asked for it, so no view ever shows another
 * view's run.
 */
import type { LessonId } from '../../../shared/lessons/workshop';
import type { RunOrigin } from '../../../shared/run-origin';
import type { LabState } from './lab-store';
import { formOf, RUN_FORMS, type RunFormId, type TenFilesVariant } from './lessons-slice-forms';

/** A view's place for its run. */
export type RunSlot = 'race' | 'gil-lesson' | RunFormId;

/** The slot of a run's origin; a run without one (the CLI's, an older history's) is the Race view's. */
export function slotOf(origin: RunOrigin | undefined): RunSlot {
  if (origin === undefined || origin === 'race') return 'race';
  if (origin === 'gil-cpu' || origin === 'gil-io') return 'gil-lesson';
  return origin;
}

/** Whether a slot, or any form id, is a run lesson's form. */
export function isRunFormSlot(slot: string): slot is RunFormId {
  return Object.hasOwn(RUN_FORMS, slot);
}

/** The slot of the view on screen (a run lesson's, in the Lessons view), or null where no run is shown. */
export function selectCurrentSlot(s: LabState): RunSlot | null {
  switch (s.view.current) {
    case 'race':
      return 'race';
    case 'gil-lesson':
      return 'gil-lesson';
    case 'lessons': {
      const form = formOf(s.lessons.current, s.lessons.variant);
      return form !== null && isRunFormSlot(form) ? form : null;
    }
    default:
      return null;
  }
}

/** Where a slot's run is on screen: its view, and in the Lessons view its lesson (and variant). */
export type SlotPlace =
  | { readonly view: 'race' | 'gil-lesson' }
  | { readonly view: 'lessons'; readonly lesson: LessonId; readonly variant?: TenFilesVariant };

/** Where a slot's run is shown. */
export function slotPlace(slot: RunSlot): SlotPlace {
  switch (slot) {
    case 'race':
    case 'gil-lesson':
      return { view: slot };
    case 'ten-files-io':
      return { view: 'lessons', lesson: 'ten-files', variant: 'io' };
    case 'ten-files-cpu':
      return { view: 'lessons', lesson: 'ten-files', variant: 'cpu' };
    default:
      return { view: 'lessons', lesson: slot };
  }
}

/** Brings a slot's view on screen (and its lesson, in the Lessons view). */
export function showSlot(s: LabState, slot: RunSlot): void {
  const place = slotPlace(slot);
  if (place.view === 'lessons') {
    if (place.variant) s.variantChosen(place.variant);
    s.lessonChosen(place.lesson);
  }
  s.viewChosen(place.view);
}
