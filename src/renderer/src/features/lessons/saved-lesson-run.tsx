/** Under an engine lesson's result: where the history keeps it (or that it was re-opened from there), and its exports. */
import type { ReactNode } from 'react';
import { LESSON_EXPORT_FORMATS } from '../../../../shared/lessons/registry';
import type { EngineLessonId } from '../../../../shared/lessons/lesson-ids';
import { useLab } from '../../store/store-context';
import { formatStartedAt } from '../history-view/started-at';
import { LessonExportButtons } from '../results/export-buttons';

/** The saved run's line and export buttons, once the lesson has a result that is not being replaced. */
export function SavedLessonRun({ lesson }: { readonly lesson: EngineLessonId }): ReactNode {
  const saved = useLab((s) => s.lessons.saved[lesson]);
  const running = useLab((s) => s.lessons.active?.kind === 'engine' && s.lessons.active.lesson === lesson);
  if (!saved || running) return null;
  return (
    <div className="saved-lesson-run">
      <p className={saved.reopened ? 'saved-lesson-reopened' : 'hint'} role="status">
        {saved.reopened
          ? `A saved run from ${formatStartedAt(saved.startedAt)} (${saved.settings ?? ''}), opened from History: press Run to measure again with the knobs above.`
          : `Saved in History (${formatStartedAt(saved.startedAt)}).`}
      </p>
      <LessonExportButtons runId={saved.runId} formats={LESSON_EXPORT_FORMATS[lesson]} />
    </div>
  );
}
