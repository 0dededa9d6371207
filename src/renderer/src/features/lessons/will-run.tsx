/** Under a run lesson's title: what pressing Run will run, from the knobs as typed now. */
import type { ReactNode } from 'react';
import { selectRunLessonRequest } from '../../store/lessons-slice-selectors';
import type { RunFormId } from '../../store/lessons-slice-forms';
import { runLessonSummary } from '../../store/run-lesson-summary';
import { useLab } from '../../store/store-context';

/** "Will run: Tasks 10 · Task time 500 ms · on sequential, async, threads, processes". */
export function WillRun({ form }: { readonly form: RunFormId }): ReactNode {
  const request = useLab((s) => selectRunLessonRequest(s, form));
  if (!request.ok) return <span className="muted">Will run: fix the knobs marked below.</span>;
  return (
    <>
      <span className="muted">Will run:</span> {runLessonSummary(form, request.value)}
    </>
  );
}
