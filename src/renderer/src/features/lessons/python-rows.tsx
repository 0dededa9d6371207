/**
 * A run lesson's offer of real-CPython rows: a checkbox where an interpreter is found (the rows run
 * the classic Python for the lesson beside the Node models), and the reason where none is.
 */
import type { ReactNode } from 'react';
import { RUN_FORMS, type RunFormId } from '../../store/lessons-slice-forms';
import { selectLessonPythonAvailability } from '../../store/lessons-slice-selectors';
import { useLab } from '../../store/store-context';

/** The checkbox, or why the rows cannot run here. */
export function PythonRows({ form, what }: { readonly form: RunFormId; readonly what: string }): ReactNode {
  const checked = useLab((s) => s.lessons.withPython);
  const toggled = useLab((s) => s.pythonRowsToggled);
  const available = useLab((s) => selectLessonPythonAvailability(s, form).available);
  const reason = useLab((s) => selectLessonPythonAvailability(s, form).reason);
  const models = RUN_FORMS[form].pythonModels ?? [];
  if (models.length === 0) return null;
  if (!available) {
    return (
      <p className="hint python-rows" role="note">
        Real-CPython rows ({models.join(', ')}) are not available here
        {reason ? `: ${reason}` : ''}.
      </p>
    );
  }
  return (
    <label className="python-rows">
      <input type="checkbox" checked={checked} onChange={(event) => toggled(event.currentTarget.checked)} />{' '}
      Add real-CPython rows ({models.join(', ')}): {what}
    </label>
  );
}
