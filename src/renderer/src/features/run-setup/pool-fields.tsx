/** Pool sizes and scheduling: empty means the Python-like default shown as the placeholder. */
import type { ReactNode } from 'react';
import type { Catalog } from '../../../../shared/views';
import { formatKnobNumber, type PoolKnobKey } from '../../../../shared/knobs';
import { POOL_KNOB_KEYS } from '../../../../shared/pool';
import { poolField } from '../../store/setup-request';
import { selectFieldError, selectPoolText } from '../../store/setup-slice';
import { useLab } from '../../store/store-context';
import { NumberField } from './number-field';

function defaultText(catalog: Catalog, key: PoolKnobKey): string {
  const value = catalog.defaultPool[key];
  return value === null ? (catalog.poolKnobs[key].unsetMeans ?? 'none') : formatKnobNumber(value);
}

function PoolField({ catalog, name }: { readonly catalog: Catalog; readonly name: PoolKnobKey }): ReactNode {
  const knob = catalog.poolKnobs[name];
  const value = useLab((s) => selectPoolText(s, name));
  const error = useLab((s) => selectFieldError(s, poolField(name)));
  const poolEdited = useLab((s) => s.poolEdited);
  const shown = defaultText(catalog, name);
  const meaning = knob.unsetMeans && knob.unsetMeans !== shown ? knob.unsetMeans : shown;
  return (
    <NumberField
      knob={knob}
      value={value}
      error={error}
      placeholder={shown}
      onChange={(text) => poolEdited(name, text)}
      note={`default ${meaning}`}
    />
  );
}

/** A fieldset with every pool setting. */
export function PoolFields(): ReactNode {
  const catalog = useLab((s) => s.catalog.value);
  if (!catalog) return null;
  return (
    <fieldset className="fieldset">
      <legend>Pools</legend>
      <div className="field-grid">
        {POOL_KNOB_KEYS.map((name) => (
          <PoolField key={name} catalog={catalog} name={name} />
        ))}
      </div>
    </fieldset>
  );
}
