/** The job's settings and one button per place it can run, each with one line on what to expect. */
import type { ReactNode } from 'react';
import { formatKnobNumber } from '../../../../shared/knobs';
import { JOB_KNOBS, JOB_PLACEMENTS, type JobPlacement } from '../../../../shared/responsiveness';
import { knobsOf } from '../../controller/job-controller';
import {
  selectJobBlocker,
  selectJobKnobError,
  selectJobKnobText,
  type JobKnobKey,
} from '../../store/responsiveness-slice';
import { useJobs, useLab } from '../../store/store-context';
import { Panel } from '../../ui/panel';
import { NumberField } from '../run-setup/number-field';
import { placementInfo } from './placements';

/** A lab setting as a validated text box. */
export function JobKnobField({ name }: { readonly name: JobKnobKey }): ReactNode {
  const knob = JOB_KNOBS[name];
  const value = useLab((s) => selectJobKnobText(s, name));
  const error = useLab((s) => selectJobKnobError(s, name));
  const edited = useLab((s) => s.jobKnobEdited);
  return (
    <NumberField
      knob={knob}
      value={value}
      error={error}
      onChange={(text) => edited(name, text)}
      note={`default ${formatKnobNumber(knob.default)}`}
    />
  );
}

function PlacementRow({ placement }: { readonly placement: JobPlacement }): ReactNode {
  const jobs = useJobs();
  const processKind = useLab((s) => s.catalog.value?.processKind ?? 'child_process');
  const blocked = useLab((s) => selectJobBlocker(s, knobsOf(placement)) !== null);
  const running = useLab(
    (s) => s.responsiveness.active?.kind === 'job' && s.responsiveness.active.placement === placement,
  );
  const info = placementInfo(placement, processKind);
  return (
    <li className={`placement${running ? ' placement-running' : ''}`}>
      <button
        type="button"
        className="button placement-button"
        disabled={blocked}
        onClick={() => void jobs.runJob(placement)}
      >
        {info.button}
      </button>
      <p className="placement-why">
        {running && <span className="running-word">running… </span>}
        {info.why}
      </p>
    </li>
  );
}

/** The jobs panel. */
export function JobPanel(): ReactNode {
  const blocker = useLab((s) => selectJobBlocker(s, ['durationMs', 'chunkMs']));
  const error = useLab((s) => s.responsiveness.error);
  const active = useLab((s) => s.responsiveness.active);
  return (
    <Panel title="One job, every place" className="job-panel">
      <p className="lead">
        The same CPU job — counting primes, checked against the engine’s sieve — run wherever an Electron app
        can run it. Press one, then watch the moving block, type in the box, and read the row it adds.
      </p>
      <div className="field-grid job-knobs">
        <JobKnobField name="durationMs" />
        <JobKnobField name="chunkMs" />
      </div>
      {error && (
        <div className="alert" role="alert">
          <span>{error}</span>
        </div>
      )}
      <ul className="placements">
        {JOB_PLACEMENTS.map((placement) => (
          <PlacementRow key={placement} placement={placement} />
        ))}
      </ul>
      <p className="hint" aria-live="polite">
        {active ? 'One job at a time: the buttons come back when this one is measured.' : blocker}
      </p>
    </Panel>
  );
}
