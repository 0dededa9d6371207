/**
 * One checkbox per model, labelled by its id, described by its Python analogue; grouped by the
 * runtime that runs them once there is more than one (a CPython group names the interpreter's path),
 * and disabled, with the reason on a line of its own, where a model cannot run on the engine's machine.
 */
import { useId, type ReactNode } from 'react';
import { modelGroups, type CatalogModel, type ModelGroup } from '../../../../shared/models';
import type { PythonCatalog } from '../../../../shared/python-run';
import { selectFieldError, selectModelPicked } from '../../store/setup-slice';
import { useLab } from '../../store/store-context';
import { ModelSwatch } from '../../ui/model-swatch';

function ModelOption({ model }: { readonly model: CatalogModel }): ReactNode {
  const id = useId();
  const picked = useLab((s) => selectModelPicked(s, model.id));
  const modelToggled = useLab((s) => s.modelToggled);
  const { availability } = model;
  return (
    <li className={`model-option${availability.available ? '' : ' model-unavailable'}`} title={model.summary}>
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

/** Where a CPython group's models run: the interpreter's path, when the group is an interpreter the catalog found. */
function interpreterPath(group: ModelGroup, python: PythonCatalog | undefined): string | null {
  return python?.interpreters.find((interpreter) => interpreter.label === group.label)?.path ?? null;
}

/** The models fieldset. */
export function ModelPicker(): ReactNode {
  const id = useId();
  const models = useLab((s) => s.catalog.value?.models);
  const python = useLab((s) => s.catalog.value?.python);
  const error = useLab((s) => selectFieldError(s, 'models'));
  if (!models) return null;
  const groups = modelGroups(models);
  return (
    <fieldset className="fieldset" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Models</legend>
      {groups.map((group) => {
        const path = interpreterPath(group, python);
        return (
          <div key={group.label} className="model-group">
            {groups.length > 1 && (
              <p className="model-group-label">
                <span className="model-group-name">{group.label}</span>
                {path && (
                  <span className="model-group-path" title={path}>
                    {path}
                  </span>
                )}
              </p>
            )}
            <ul
              className="model-list"
              aria-label={groups.length > 1 ? group.label : undefined}
              data-runtime={groups.length > 1 ? group.label : undefined}
            >
              {group.models.map((model) => (
                <ModelOption key={model.id} model={model} />
              ))}
            </ul>
          </div>
        );
      })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
