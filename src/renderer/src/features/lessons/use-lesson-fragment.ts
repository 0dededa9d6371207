/** Keeps the lesson and the address's #fragment in step: #lessons/race-condition opens that lesson. */
import { useEffect } from 'react';
import { isLessonId } from '../../../../shared/lessons/workshop';
import { selectCurrentLesson } from '../../store/lessons-slice';
import { useLab, useLabStore } from '../../store/store-context';

/** The view id that owns the fragment's lesson part. */
const VIEW_ID = 'lessons';

function fragmentLesson(): string | undefined {
  const [view, lesson] = decodeURIComponent(location.hash.replace(/^#\/?/, '')).split('/');
  return view === VIEW_ID && isLessonId(lesson) ? lesson : undefined;
}

/** Opens the lesson the address names, follows back/forward, and writes the lesson back to the address. */
export function useLessonFragment(): void {
  const store = useLabStore();
  const current = useLab(selectCurrentLesson);
  const lessonChosen = useLab((s) => s.lessonChosen);
  useEffect(() => {
    const follow = () => {
      const id = fragmentLesson();
      if (isLessonId(id)) lessonChosen(id);
    };
    follow();
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, [lessonChosen]);
  useEffect(() => {
    // The store, not the render's value: the fragment may have just chosen another lesson.
    const lesson = store.getState().lessons.current;
    if (fragmentLesson() === lesson) return;
    // replaceState keeps the page's query (a browser-mode token) and adds no history entry per click.
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${VIEW_ID}/${lesson}`);
  }, [store, current]);
}
