/**
 * Which view asked for a run: the Race view, one of the GIL lesson's two comparisons, or a run
 * lesson's form. A run keeps its origin in the history, so each view shows only its own runs — live,
 * just finished, or re-opened after a reload — and History can filter by lesson.
 */
import { workshopLesson } from './lessons/workshop';

/** Every origin; the run lessons' forms are named as the renderer names them. */
export const RUN_ORIGINS = [
  'race',
  'gil-cpu',
  'gil-io',
  'ten-files-io',
  'ten-files-cpu',
  'http-requests',
  'image-batch',
] as const;

/** Where a run was asked for. */
export type RunOrigin = (typeof RUN_ORIGINS)[number];

/** Whether a value names an origin (from the network or the history). */
export function isRunOrigin(value: unknown): value is RunOrigin {
  return typeof value === 'string' && (RUN_ORIGINS as readonly string[]).includes(value);
}

/** Where a run was asked for, in words: "Race", "GIL lesson, CPU comparison", "10 files, CPU variant". */
export function runOriginTitle(origin: RunOrigin): string {
  switch (origin) {
    case 'race':
      return 'Race';
    case 'gil-cpu':
      return 'GIL lesson, CPU comparison';
    case 'gil-io':
      return 'GIL lesson, I/O comparison';
    case 'ten-files-io':
      return `${workshopLesson('ten-files').title}, I/O variant`;
    case 'ten-files-cpu':
      return `${workshopLesson('ten-files').title}, CPU variant`;
    case 'http-requests':
    case 'image-batch':
      return workshopLesson(origin).title;
  }
}
