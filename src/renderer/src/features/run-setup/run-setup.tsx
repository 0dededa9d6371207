/** The run setup panel: scenario, knobs, models, pools and the Run/Cancel buttons, or the catalogue's state. */
import type { FormEvent, ReactNode } from 'react';
import { useController, useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import { KnobFields } from './knob-fields';
import { ModelPicker } from './model-picker';
import { PoolFields } from './pool-fields';
import { RunActions } from './run-actions';
import { ScenarioField } from './scenario-field';
import './run-setup.css';

function CatalogProblem(): ReactNode {
  const controller = useController();
  const error = useLab((s) => s.catalog.error);
  return (
    <div className="alert" role="alert">
      <p>
        <strong>Could not load the scenarios.</strong> {error}
      </p>
      <button type="button" className="button" onClick={() => void controller.loadCatalog()}>
        Retry
      </button>
    </div>
  );
}

/** The form that starts a run. */
export function RunSetup(): ReactNode {
  const controller = useController();
  const status = useLab((s) => s.catalog.status);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void controller.requestRun();
  };
  return (
    <Panel title="Run setup" className="run-setup">
      {status === 'failed' && <CatalogProblem />}
      {(status === 'loading' || status === 'idle') && (
        <EmptyState>
          <span role="status">Loading scenarios…</span>
        </EmptyState>
      )}
      {status === 'loaded' && (
        <form className="run-form" onSubmit={submit} noValidate>
          <ScenarioField />
          <KnobFields />
          <ModelPicker />
          <PoolFields />
          <RunActions />
        </form>
      )}
    </Panel>
  );
}
