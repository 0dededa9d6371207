/**
 * One checkbox per model, labelled by its id, described by its Python analogue; grouped by the
 * runtime that runs them once there is more than one, and disabled, with the reason, where a model
 * cannot run on the engine's machine.
 */
import { useId, type ReactNode } from 'react';
import { modelGroups, type CatalogModel } from '../../../../shared/models';
import { selectFieldError, selectModelPicked } from '../../store/setup-slice';
import { useLab } from '../../store/store-context';
import { ModelSwatch } from '../../ui/model-swatch';

function ModelOption({ model }: { readonly model: CatalogModel }): ReactNode {
  const id = useId();
  const picked = useLab((s) => selectModelPicked(s, model.id));
  const modelToggled = useLab((s) => s.modelToggled);
  const { availability } = model;
  return (
    <li className="model-option" title={model.summary}>
      <input
        id={id}
        type="checkbox"
        checked={picked}
        disabled={!availability.available}
        aria-describedby={`${id}-python`}
        onChange={(event) => modelToggled(model.id, event.currentTarget.checked)}
      />
      <ModelSwatch model={model.id} />
      <label htmlFor={id}>{model.id}</label>
      <span id={`${id}-python`} className="model-python">
        {availability.available ? model.python : `unavailable: ${availability.reason}`}
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
  const groups = modelGroups(models);
  return (
    <fieldset className="fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Models</legend>
      {groups.map((group) => (
        <ul
          key={group.label}
          className="model-list"
          aria-label={groups.length > 1 ? group.label : undefined}
          data-runtime={groups.length > 1 ? group.label : undefined}
        >
          {group.models.map((model) => (
            <ModelOption key={model.id} model={model} />
          ))}
        </ul>
      ))}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
