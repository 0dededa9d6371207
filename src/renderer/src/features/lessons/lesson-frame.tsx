/** The shape every lesson shares: heading, explanation, the form that runs it, what to notice, and the live side. */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { workshopLesson, type LessonId } from '../../../../shared/lessons/workshop';
import { useLab } from '../../store/store-context';

/** Props of a lesson's frame. */
export interface LessonFrameProps {
  readonly id: LessonId;
  /** The explanation: a few short paragraphs. */
  readonly intro: ReactNode;
  /** Knobs, Run and Cancel (absent for the guide). */
  readonly controls?: ReactNode;
  /** "What to notice", checked against the measurement. */
  readonly notice?: ReactNode;
  /** The live visual and the result. */
  readonly children: ReactNode;
  /** One column: the explanation above a wide body (the guide's table). */
  readonly stacked?: boolean;
  /** A line under the title: what the lesson's knobs will run. */
  readonly subtitle?: ReactNode;
}

/** An `<article data-lesson="…">` headed by the lesson's title. */
export function LessonFrame({
  id,
  intro,
  controls,
  notice,
  children,
  stacked,
  subtitle,
}: LessonFrameProps): ReactNode {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusPending = useLab((s) => s.lessons.focusPending === id);
  const focusTaken = useLab((s) => s.lessonFocusTaken);
  useEffect(() => {
    // Opened from History (whose Open button is gone now): keyboard users start at the lesson.
    if (!focusPending) return;
    heading.current?.focus();
    focusTaken();
  }, [focusPending, focusTaken]);
  return (
    <article className="lesson-page" data-lesson={id} aria-labelledby={headingId}>
      <header className="lesson-header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {workshopLesson(id).title}
        </h2>
        {subtitle && <p className="lesson-subtitle">{subtitle}</p>}
      </header>
      <div className={`lesson-body${stacked ? ' lesson-body-stacked' : ''}`}>
        <div className="lesson-side">
          <section className="panel lesson-intro" aria-label="Explanation">
            <div className="lesson-prose">{intro}</div>
          </section>
          {controls}
          {notice}
        </div>
        <div className="lesson-live">{children}</div>
      </div>
    </article>
  );
}
