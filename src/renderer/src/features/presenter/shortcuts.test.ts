import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutEffect, shortcutFor, SHORTCUTS, type ShortcutContext } from './shortcuts';

const press = (
  key: string,
  target: unknown = { tagName: 'BODY' },
  modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) => ({
  key,
  target,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

const context: ShortcutContext = {
  view: 'lessons',
  views: ['race', 'responsiveness', 'gil-lesson', 'lessons', 'history'],
  lesson: 'race-condition',
  lessons: ['ten-files', 'race-condition', 'which-model'],
  helpOpen: false,
  engineLessonActive: false,
  runActive: false,
  fullscreen: false,
};

describe('keyboard shortcuts', () => {
  it('maps R, Esc, the arrows and ? to their commands', () => {
    expect(shortcutFor(press('r'))).toBe('run');
    expect(shortcutFor(press('R'))).toBe('run');
    expect(shortcutFor(press('Escape'))).toBe('cancel');
    expect(shortcutFor(press('ArrowLeft'))).toBe('previous');
    expect(shortcutFor(press('ArrowRight'))).toBe('next');
    expect(shortcutFor(press('?'))).toBe('help');
    expect(shortcutFor(press('x'))).toBeNull();
  });

  it('ignores keys typed into an input, select, textarea or editable element', () => {
    for (const tagName of ['INPUT', 'SELECT', 'TEXTAREA']) {
      expect(shortcutFor(press('r', { tagName }))).toBeNull();
      expect(shortcutFor(press('ArrowLeft', { tagName }))).toBeNull();
    }
    expect(shortcutFor(press('r', { tagName: 'DIV', isContentEditable: true }))).toBeNull();
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('leaves browser shortcuts alone: Ctrl+R still reloads', () => {
    expect(shortcutFor(press('r', undefined, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('r', undefined, { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('ArrowLeft', undefined, { altKey: true }))).toBeNull();
  });

  it('runs the lesson in Lessons and the race in Race, nothing elsewhere', () => {
    expect(shortcutEffect('run', context)).toEqual({ kind: 'run-lesson' });
    expect(shortcutEffect('run', { ...context, view: 'race' })).toEqual({ kind: 'run-race' });
    expect(shortcutEffect('run', { ...context, view: 'history' })).toBeNull();
  });

  it('moves between lessons in Lessons and between views elsewhere, stopping at the ends', () => {
    expect(shortcutEffect('next', context)).toEqual({ kind: 'choose-lesson', id: 'which-model' });
    expect(shortcutEffect('previous', context)).toEqual({ kind: 'choose-lesson', id: 'ten-files' });
    expect(shortcutEffect('next', { ...context, lesson: 'which-model' })).toBeNull();
    expect(shortcutEffect('next', { ...context, view: 'race' })).toEqual({
      kind: 'choose-view',
      id: 'responsiveness',
    });
    expect(shortcutEffect('previous', { ...context, view: 'race' })).toBeNull();
  });

  it('lets Esc close the overlay first, then cancel, then leave full screen', () => {
    const busy = { ...context, helpOpen: true, engineLessonActive: true, runActive: true, fullscreen: true };
    expect(shortcutEffect('cancel', busy)).toEqual({ kind: 'close-help' });
    expect(shortcutEffect('cancel', { ...busy, helpOpen: false })).toEqual({ kind: 'cancel-lesson' });
    expect(shortcutEffect('cancel', { ...context, runActive: true, fullscreen: true })).toEqual({
      kind: 'cancel-run',
    });
    expect(shortcutEffect('cancel', { ...context, fullscreen: true })).toEqual({ kind: 'leave-fullscreen' });
    expect(shortcutEffect('cancel', context)).toBeNull();
  });

  it('does nothing but close or toggle while the overlay is open', () => {
    const open = { ...context, helpOpen: true };
    expect(shortcutEffect('run', open)).toBeNull();
    expect(shortcutEffect('next', open)).toBeNull();
    expect(shortcutEffect('help', open)).toEqual({ kind: 'toggle-help' });
  });

  it('lists every command once in the help table', () => {
    expect(SHORTCUTS.map((s) => s.command).sort()).toEqual(['cancel', 'help', 'next', 'previous', 'run']);
  });
});
