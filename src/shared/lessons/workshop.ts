/**
 * The workshop's lessons in the order the lessons list shows them, with their titles: the lessons
 * that race the models (they need no engine part), then the engine's own lessons from the registry,
 * then the selection guide.
 */
import { ENGINE_LESSON_IDS, type EngineLessonId } from './lesson-ids';
import { ENGINE_LESSONS } from './registry';

/** A lesson as the lessons list names it. */
export interface WorkshopLesson<Id extends string = string> {
  readonly id: Id;
  /** race: the models race through run:start; engine: it runs on its own channel; guide: nothing runs. */
  readonly kind: 'race' | 'engine' | 'guide';
  readonly title: string;
  /** A few words on what it shows. */
  readonly summary: string;
}

const RACE_LESSONS = [
  // Titles name no knob value the form can change: each lesson's heading says what its knobs will run.
  { id: 'ten-files', kind: 'race', title: '10 files', summary: 'I/O vs CPU under every model' },
  { id: 'http-requests', kind: 'race', title: 'Many HTTP requests', summary: 'many connections, one thread' },
  { id: 'image-batch', kind: 'race', title: 'Batch image processing', summary: 'which lane did which image' },
] as const satisfies readonly WorkshopLesson[];

const GUIDE = {
  id: 'which-model',
  kind: 'guide',
  title: 'Which model when',
  summary: 'the selection guide',
} as const satisfies WorkshopLesson;

/** A lesson that races the models through the run machinery (run:start). */
export type RunLessonId = (typeof RACE_LESSONS)[number]['id'];

/** One of the lessons. */
export type LessonId = RunLessonId | EngineLessonId | typeof GUIDE.id;

/** Every lesson, in workshop order. */
export const WORKSHOP_LESSONS: readonly WorkshopLesson<LessonId>[] = [
  ...RACE_LESSONS,
  ...ENGINE_LESSON_IDS.map((id) => {
    const { title, summary } = ENGINE_LESSONS[id];
    return { id, kind: 'engine' as const, title, summary };
  }),
  GUIDE,
];

/** Every lesson's id, in workshop order. */
export const LESSON_IDS: readonly LessonId[] = WORKSHOP_LESSONS.map((lesson) => lesson.id);

/** Whether a value names a lesson. */
export function isLessonId(value: unknown): value is LessonId {
  return typeof value === 'string' && (LESSON_IDS as readonly string[]).includes(value);
}

/** The entry of a lesson. */
export function workshopLesson(id: LessonId): WorkshopLesson<LessonId> {
  return WORKSHOP_LESSONS.find((lesson) => lesson.id === id) ?? WORKSHOP_LESSONS[0]!;
}
