/** A lesson's knobs, each validated inline with the engine's own ranges and wording (as the run setup does). */
import type { ReactNode } from 'react';
import { formFields, type LessonFormId } from '../../store/lessons-slice-forms';
import type { LessonField } from './lesson-field';
import { selectLessonFieldError, selectLessonText } from '../../store/lessons-slice-selectors';
import { useLab } from '../../store/store-context';
import { NumberField } from '../run-setup/number-field';

function LessonKnob({
  form,
  field,
}: {
  readonly form: LessonFormId;
  readonly field: LessonField;
}): ReactNode {
  const value = useLab((s) => selectLessonText(s, form, field.id));
  const error = useLab((s) => selectLessonFieldError(s, form, field.id));
  const edited = useLab((s) => s.lessonKnobEdited);
  return (
    <NumberField
      knob={field.knob}
      value={value}
      error={error}
      placeholder={field.placeholder ?? (field.knob.default === null ? field.knob.unsetMeans : undefined)}
      note={field.note}
      onChange={(text) => edited(form, field.id, text)}
    />
  );
}

/** A fieldset with one field per knob of the form, except those drawn elsewhere (a slider). */
export function LessonKnobs({
  form,
  skip = [],
  children,
}: {
  readonly form: LessonFormId;
  readonly skip?: readonly string[];
  /** Extra controls inside the fieldset, before the fields (a slider, a radio group). */
  readonly children?: ReactNode;
}): ReactNode {
  return (
    <fieldset className="fieldset lesson-knobs">
      <legend>Knobs</legend>
      {children}
      <div className="field-grid">
        {formFields(form)
          .filter((field) => !skip.includes(field.id))
          .map((field) => (
            <LessonKnob key={`${form}:${field.id}`} form={form} field={field} />
          ))}
      </div>
    </fieldset>
  );
}
