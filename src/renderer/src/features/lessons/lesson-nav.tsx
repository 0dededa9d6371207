/** The lessons list: one button per lesson, the current one marked for assistive technology. */
import { useEffect, useRef, type ReactNode } from 'react';
import { selectCurrentLesson } from '../../store/lessons-slice';
import { useLab } from '../../store/store-context';
import { WORKSHOP_LESSONS } from '../../../../shared/lessons/workshop';

/** `<nav aria-label="Lessons">` with a button per lesson. */
export function LessonNav(): ReactNode {
  const current = useLab(selectCurrentLesson);
  const lessonChosen = useLab((s) => s.lessonChosen);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    // When the list is a row that scrolls (narrow windows, presenter mode), keep the current lesson in it.
    const list = listRef.current;
    const item = list?.querySelector('[aria-current="page"]');
    if (!list || !item || list.scrollWidth <= list.clientWidth) return;
    const from = list.getBoundingClientRect();
    const to = item.getBoundingClientRect();
    list.scrollLeft += to.left - from.left - (from.width - to.width) / 2;
  }, [current]);
  return (
    <nav className="lesson-nav" aria-label="Lessons">
      <ol ref={listRef}>
        {WORKSHOP_LESSONS.map((lesson, index) => (
          <li key={lesson.id}>
            <button
              type="button"
              className="lesson-nav-button"
              aria-current={lesson.id === current ? 'page' : undefined}
              onClick={() => lessonChosen(lesson.id)}
            >
              <span className="lesson-nav-number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="lesson-nav-text">
                <span className="lesson-nav-title">{lesson.title}</span>
                <span className="lesson-nav-summary">{lesson.summary}</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
