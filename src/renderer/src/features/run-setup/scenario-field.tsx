/** The scenario picker and its lesson in one line. */
import { useId, type ReactNode } from 'react';
import { isScenarioId } from '../../../../shared/scenarios';
import { selectScenarios } from '../../store/catalog-slice';
import { selectPickedScenario } from '../../store/setup-slice';
import { useLab } from '../../store/store-context';

/** A select labelled "Scenario", described by the scenario's lesson. */
export function ScenarioField(): ReactNode {
  const id = useId();
  const scenarios = useLab(selectScenarios);
  const picked = useLab(selectPickedScenario);
  const scenarioPicked = useLab((s) => s.scenarioPicked);
  return (
    <div className="field scenario-field">
      <label htmlFor={id}>Scenario</label>
      <select
        id={id}
        value={picked?.id ?? ''}
        aria-describedby={`${id}-lesson`}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isScenarioId(value)) scenarioPicked(value);
        }}
      >
        {scenarios.map((scenario) => (
          <option key={scenario.id} value={scenario.id}>
            {scenario.id} — {scenario.title}
          </option>
        ))}
      </select>
      {picked && (
        <p id={`${id}-lesson`} className="lesson">
          <span className={`kind-badge kind-${picked.kind}`}>
            {picked.kind === 'io' ? 'I/O-bound' : 'CPU-bound'}
          </span>{' '}
          {picked.lesson}
        </p>
      )}
    </div>
  );
}
