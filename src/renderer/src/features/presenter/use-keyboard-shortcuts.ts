/** Listens for the keyboard shortcuts app-wide and does what each asks, through the controllers and the store. */
import { useEffect } from 'react';
import { isLessonId, LESSON_IDS } from '../../../../shared/lessons/workshop';
import { selectRunActive } from '../../store/run-slice';
import { useController, useLabStore, useLessons } from '../../store/store-context';
import { shortcutEffect, shortcutFor } from './shortcuts';

/** Installs one keydown listener on the window for as long as the caller is mounted. */
export function useKeyboardShortcuts(views: readonly string[]): void {
  const store = useLabStore();
  const controller = useController();
  const lessons = useLessons();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const command = shortcutFor(event);
      if (command === null) return;
      const s = store.getState();
      const effect = shortcutEffect(command, {
        view: s.view.current,
        views,
        lesson: s.lessons.current,
        lessons: LESSON_IDS,
        helpOpen: s.presenter.helpOpen,
        engineLessonActive: s.lessons.active?.kind === 'engine',
        runActive: selectRunActive(s),
        fullscreen: document.fullscreenElement !== null,
      });
      if (effect === null) return;
      event.preventDefault();
      switch (effect.kind) {
        case 'toggle-help':
          return s.helpToggled();
        case 'close-help':
          return s.helpClosed();
        case 'cancel-lesson':
          return void lessons.cancelLesson();
        case 'cancel-run':
          return void controller.cancelRun();
        case 'leave-fullscreen':
          return void document.exitFullscreen().catch(() => undefined);
        case 'run-lesson':
          return void lessons.runLesson();
        case 'run-race':
          return void controller.requestRun();
        case 'choose-lesson':
          return isLessonId(effect.id) ? s.lessonChosen(effect.id) : undefined;
        case 'choose-view':
          return s.viewChosen(effect.id);
      }
    };
    addEventListener('keydown', onKeyDown);
    return () => removeEventListener('keydown', onKeyDown);
  }, [store, controller, lessons, views]);
}
