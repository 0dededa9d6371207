/** One checkbox per model, labelled by its id, described by its Python analogue. */
import { useId, type ReactNode } from 'react';
import type { ModelInfo } from '../../../../shared/models';
import { selectFieldError, selectModelPicked } from '../../store/setup-slice';
import { useLab } from '../../store/store-context';
import { ModelSwatch } from '../../ui/model-swatch';

function ModelOption({ model }: { readonly model: ModelInfo }): ReactNode {
  const id = useId();
  const picked = useLab((s) => selectModelPicked(s, model.id));
  const modelToggled = useLab((s) => s.modelToggled);
  return (
    <li className="model-option" title={model.summary}>
      <input
        id={id}
        type="checkbox"
        checked={picked}
        aria-describedby={`${id}-python`}
        onChange={(event) => modelToggled(model.id, event.currentTarget.checked)}
      />
      <ModelSwatch model={model.id} />
      <label htmlFor={id}>{model.id}</label>
      <span id={`${id}-python`} className="model-python">
        {model.python}
      </span>
    </li>
  );
}

/** The models fieldset. */
export function ModelPicker(): ReactNode {
  const id = useId();
  const models = useLab((s) => s.catalog.value?.models);
  const error = useLab((s) => selectFieldError(s, 'models'));
  if (!models) return null;
  return (
    <fieldset className="fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Models</legend>
      <ul className="model-list">
        {models.map((model) => (
          <ModelOption key={model.id} model={model} />
        ))}
      </ul>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
