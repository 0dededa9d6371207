/**
 * The engine lessons' ids: the keys of the lesson registry (registry.ts), which is checked against
 * this list both ways. They live apart from the registry because the sandboxed preload names every
 * channel and must not load the lessons' schemas (zod) to do it.
 */

/** The lessons the engine runs on a channel of their own and the history keeps, in workshop order. */
export const ENGINE_LESSON_IDS = [
  'race-condition',
  'data-passing',
  'pipeline',
  'deadlock',
  'outgrowing-one-machine',
] as const;

/** One of them. */
export type EngineLessonId = (typeof ENGINE_LESSON_IDS)[number];

/** The invoke channel of an engine lesson. */
export type LessonChannel = `lesson:${EngineLessonId}`;

/** Whether a value names an engine lesson. */
export function isEngineLessonId(value: unknown): value is EngineLessonId {
  return typeof value === 'string' && (ENGINE_LESSON_IDS as readonly string[]).includes(value);
}

/** The channel a lesson runs on: `lesson:<id>`. */
export function lessonChannel<L extends EngineLessonId>(lesson: L): `lesson:${L}` {
  return `lesson:${lesson}`;
}
