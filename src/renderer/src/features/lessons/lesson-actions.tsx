/** A lesson's Run button (and Cancel while it runs), with why Run is disabled and how the last attempt ended. */
import type { FormEvent, ReactNode } from 'react';
import type { LessonId } from '../../../../shared/lessons/workshop';
import type { LessonFormId } from '../../store/lessons-slice-forms';
import { selectFormActive } from '../../store/lessons-slice';
import { selectLessonBlocker } from '../../store/lessons-slice-selectors';
import type { LabState } from '../../store/lab-store';
import { useLab, useLessons } from '../../store/store-context';
import { Panel } from '../../ui/panel';

function selectCancelling(s: LabState, form: LessonFormId): boolean {
  const active = s.lessons.active;
  if (!active || !selectFormActive(s, form)) return false;
  return active.kind === 'engine' ? active.cancelling : s.run.phase === 'cancelling';
}

function Actions({ form }: { readonly form: LessonFormId }): ReactNode {
  const lessons = useLessons();
  const blocker = useLab((s) => selectLessonBlocker(s, form));
  const mine = useLab((s) => selectFormActive(s, form));
  const cancelling = useLab((s) => selectCancelling(s, form));
  const ending = useLab((s) => s.lessons.endings[form]);
  const status = mine ? (cancelling ? 'Cancelling…' : 'Running…') : blocker;
  return (
    <div className="lesson-actions">
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={blocker !== null}>
          Run
        </button>
        {mine && (
          <button
            type="button"
            className="button"
            disabled={cancelling}
            onClick={() => void lessons.cancelLesson()}
          >
            Cancel
          </button>
        )}
        <span className="hint lesson-status" role="status">
          {status ?? (ending?.kind === 'cancelled' ? 'Cancelled: what was measured so far is shown.' : '')}
        </span>
      </div>
      {!mine && ending?.kind === 'failed' && (
        <div className="alert" role="alert">
          <span>
            <strong>Did not finish:</strong> {ending.message}
          </span>
        </div>
      )}
    </div>
  );
}

/** The "Run it" panel: a form of the lesson's knobs that Enter or Run submits. */
export function LessonControls({
  lesson,
  form,
  children,
}: {
  readonly lesson: LessonId;
  readonly form: LessonFormId;
  /** The knobs and any other settings. */
  readonly children: ReactNode;
}): ReactNode {
  const lessons = useLessons();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void lessons.runLesson(lesson);
  };
  return (
    <Panel title="Run it" className="lesson-controls">
      <form className="lesson-form" onSubmit={submit} noValidate>
        {children}
        <Actions form={form} />
      </form>
    </Panel>
  );
}
