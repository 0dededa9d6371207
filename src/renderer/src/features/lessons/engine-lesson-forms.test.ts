/**
 * Every lesson of the registry is whole on the renderer's side: a form whose fields are the spec's
 * own knobs and whose workshop defaults make a request the engine accepts, a screen, and an entry in
 * the lessons list. A lesson added without a form or a screen fails to compile; this says so too.
 */
import { describe, expect, it } from 'vitest';
import { ENGINE_LESSON_IDS } from '../../../../shared/lessons/lesson-ids';
import { ENGINE_LESSONS } from '../../../../shared/lessons/registry';
import { LESSON_IDS, workshopLesson } from '../../../../shared/lessons/workshop';
import { textProblem } from '../../store/lessons-slice-forms';
import { engineLessonRequest } from '../../store/lessons-slice-requests';
import { ENGINE_LESSON_FORMS } from './engine-lesson-forms';
import { LESSON_SCREENS } from './lessons-view';

describe.each(ENGINE_LESSON_IDS)('the %s lesson', (lesson) => {
  const spec = ENGINE_LESSONS[lesson];
  const form = ENGINE_LESSON_FORMS[lesson];

  it('has a form of its own knobs, whose workshop defaults are in range', () => {
    expect(form.fields.length).toBeGreaterThan(0);
    for (const field of form.fields) {
      expect(Object.values(spec.knobs)).toContain(field.knob);
      expect(field.id).toBe(field.knob.key);
      expect(textProblem(field.knob, field.initial)).toBeNull();
    }
  });

  it('makes a request from the defaults that its channel accepts', () => {
    const built = engineLessonRequest(lesson, {}, 'threads');
    expect(built).toMatchObject({ ok: true, value: { lesson, channel: `lesson:${lesson}` } });
    expect(built.ok && spec.request.safeParse(built.value.request).success).toBe(true);
  });

  it('has a screen and a place in the lessons list under its title', () => {
    expect(typeof LESSON_SCREENS[lesson]).toBe('function');
    expect(LESSON_IDS).toContain(lesson);
    expect(workshopLesson(lesson).title).toBe(spec.title);
  });
});

describe('the lessons list', () => {
  it('has a screen for every lesson, and only those', () => {
    expect(Object.keys(LESSON_SCREENS).sort()).toEqual([...LESSON_IDS].sort());
  });
});
