/** The chosen scenario's knobs, each validated inline by the engine's own rules. */
import type { ReactNode } from 'react';
import { formatKnobNumber, type KnobSpec } from '../../../../shared/knobs';
import { knobField } from '../../store/setup-request';
import { selectFieldError, selectKnobText, selectPickedScenario } from '../../store/setup-slice';
import { useLab } from '../../store/store-context';
import { NumberField } from './number-field';

function KnobField({ knob }: { readonly knob: KnobSpec }): ReactNode {
  const value = useLab((s) => selectKnobText(s, knob.key));
  const error = useLab((s) => selectFieldError(s, knobField(knob.key)));
  const knobEdited = useLab((s) => s.knobEdited);
  return (
    <NumberField
      knob={knob}
      value={value}
      error={error}
      onChange={(text) => knobEdited(knob.key, text)}
      note={knob.default === null ? undefined : `default ${formatKnobNumber(knob.default)}`}
    />
  );
}

/** A fieldset with one field per knob. */
export function KnobFields(): ReactNode {
  const scenario = useLab(selectPickedScenario);
  if (!scenario) return null;
  return (
    <fieldset className="fieldset">
      <legend>Knobs</legend>
      <div className="field-grid">
        {scenario.knobs.map((knob) => (
          <KnobField key={`${scenario.id}:${knob.key}`} knob={knob} />
        ))}
      </div>
    </fieldset>
  );
}
