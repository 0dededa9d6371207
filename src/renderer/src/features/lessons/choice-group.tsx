/** A radio group of a few choices (the "10 files" variant, the pipeline's consumers), labelled by a legend. */
import { useId, type ReactNode } from 'react';

/** One choice of the group. */
export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
}

/** A `role="radiogroup"` fieldset; its accessible name is `legend`. */
export function ChoiceGroup<T extends string>({
  legend,
  choices,
  value,
  onChange,
}: {
  readonly legend: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
}): ReactNode {
  const id = useId();
  return (
    <fieldset className="choice-group" role="radiogroup" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>{legend}</legend>
      <div className="choice-options">
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name={id}
              value={choice.value}
              checked={choice.value === value}
              onChange={() => onChange(choice.value)}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
