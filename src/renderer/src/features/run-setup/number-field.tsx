/** One numeric setting as a text box: its label, allowed range, inline error and default. */
import { useId, type ReactNode } from 'react';
import { formatKnobNumber, type KnobSpec } from '../../../../shared/knobs';

/** The allowed values in a few words: "integer 1–100000 ms" (errors use the full wording). */
export function compactRange(knob: KnobSpec): string {
  const range = `${formatKnobNumber(knob.min)}–${formatKnobNumber(knob.max)}`;
  return `${knob.integer ? 'integer' : 'number'} ${range}${knob.unit ? ` ${knob.unit}` : ''}`;
}

/** Props of a number field. */
export interface NumberFieldProps {
  readonly knob: KnobSpec;
  readonly value: string;
  readonly error: string | null;
  readonly onChange: (text: string) => void;
  readonly placeholder?: string;
  /** Extra words after the range: the default, which models use it. */
  readonly note?: string;
}

/** A labelled input; its accessible name is exactly the knob's label, its description the range and any error. */
export function NumberField({
  knob,
  value,
  error,
  onChange,
  placeholder,
  note,
}: NumberFieldProps): ReactNode {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} title={knob.help}>
        {knob.label}
      </label>
      <div className="input-with-unit">
        <input
          id={id}
          type="text"
          inputMode={knob.integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={placeholder}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
        {knob.unit && (
          <span className="unit" aria-hidden="true">
            {knob.unit}
          </span>
        )}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <p id={hintId} className="hint">
        {compactRange(knob)}
        {note ? ` · ${note}` : ''}
      </p>
    </div>
  );
}
