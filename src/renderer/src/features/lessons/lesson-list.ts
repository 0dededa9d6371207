/** The lessons as the list names them: title and a few words on what each shows. */
import type { LessonId } from '../../store/lessons-slice-forms';

/** A lesson's name and one line about it. */
export interface LessonEntry {
  readonly id: LessonId;
  readonly title: string;
  readonly summary: string;
}

/** Every lesson, in workshop order. */
export const LESSONS: readonly LessonEntry[] = [
  { id: 'ten-files', title: '10 files, 2 seconds each', summary: 'I/O vs CPU under every model' },
  { id: 'http-requests', title: '1000 HTTP requests', summary: 'many connections, one thread' },
  { id: 'image-batch', title: 'Batch image processing', summary: 'which lane did which image' },
  { id: 'race-condition', title: 'Race condition', summary: 'lost updates, Atomics, a mutex' },
  { id: 'data-passing', title: 'Passing data between workers', summary: 'copy, move or share' },
  { id: 'pipeline', title: 'Producer/consumer pipeline', summary: 'bounded queue, backpressure' },
  { id: 'deadlock', title: 'Deadlock', summary: 'two locks, opposite order' },
  { id: 'which-model', title: 'Which model when', summary: 'the selection guide' },
];

/** The entry of a lesson. */
export function lessonEntry(id: LessonId): LessonEntry {
  return LESSONS.find((lesson) => lesson.id === id) ?? LESSONS[0]!;
}
