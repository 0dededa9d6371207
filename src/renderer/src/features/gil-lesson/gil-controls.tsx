/** The lesson's two comparisons, Cancel, and the GIL switch interval (live while gil-threads or py-threads runs). */
import type { ReactNode } from 'react';
import { formatKnobNumber, POOL_KNOBS } from '../../../../shared/knobs';
import { DEFAULT_SWITCH_INTERVAL_MS } from '../../../../shared/pool';
import { comparisonBlocker } from '../../controller/lab-controller';
import { selectOffline } from '../../store/connection-slice';
import {
  COMPARISON_MODELS,
  PYTHON_COMPARISON_MODELS,
  selectComparison,
  selectGilModelRunning,
  selectPythonAvailability,
  selectSwitchIntervalError,
  selectWithPython,
  type LiveSwitch,
} from '../../store/gil-lesson-slice';
import { selectLiveIn } from '../../store/run-slice';
import { useController, useLab } from '../../store/store-context';
import { Panel } from '../../ui/panel';
import { NumberField } from '../run-setup/number-field';

function liveText(live: LiveSwitch | null, running: boolean): string {
  if (live) {
    const value = `${formatKnobNumber(live.value)} ms`;
    switch (live.status) {
      case 'queued':
        return `${value} will be applied live as soon as a GIL model (gil-threads, py-threads) starts.`;
      case 'sending':
        return `Sending ${value} to the running GIL model…`;
      case 'applied':
        return `Applied live: the run’s GIL models switch every ${value} from now on (the simulated GIL and sys.setswitchinterval in CPython).`;
      case 'not-running':
        return `Not applied live (no GIL model was running): ${value} applies to the next run.`;
      case 'failed':
        return `Could not apply ${value} live: ${live.message}`;
    }
  }
  return running
    ? 'A GIL model is running: a new interval is applied live.'
    : 'Applies to the next run; while gil-threads or py-threads runs, a change is applied live (sys.setswitchinterval in CPython).';
}

function SwitchIntervalField(): ReactNode {
  const controller = useController();
  const value = useLab((s) => s.gilLesson.switchIntervalText);
  const error = useLab(selectSwitchIntervalError);
  const live = useLab((s) => s.gilLesson.live);
  const running = useLab(selectGilModelRunning);
  return (
    <div className="switch-interval">
      <NumberField
        knob={POOL_KNOBS.switchIntervalMs}
        value={value}
        error={error}
        onChange={(text) => controller.switchIntervalEdited(text)}
        note={`CPython’s default ${DEFAULT_SWITCH_INTERVAL_MS}`}
      />
      <p className="hint live-switch" aria-live="polite">
        {liveText(live, running)}
      </p>
    </div>
  );
}

/** Real CPython beside the simulation: a checkbox where an interpreter is found, the reason where not. */
function PythonChoice(): ReactNode {
  const checked = useLab((s) => s.gilLesson.withPython);
  const pythonToggled = useLab((s) => s.pythonToggled);
  const available = useLab((s) => selectPythonAvailability(s).available);
  const reason = useLab((s) => selectPythonAvailability(s).reason);
  if (!available) {
    return (
      <p className="hint python-choice" role="note">
        Real CPython cannot run beside the simulation here{reason ? `: ${reason}` : ''}. The simulated GIL
        runs alone.
      </p>
    );
  }
  return (
    <label className="python-choice">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => pythonToggled(event.currentTarget.checked)}
      />{' '}
      Run real CPython beside it ({PYTHON_COMPARISON_MODELS.join(', ')}): the same tasks under the real GIL
    </label>
  );
}

/** The controls panel. */
export function GilControls(): ReactNode {
  const controller = useController();
  const blocker = useLab(comparisonBlocker);
  // Cancel cancels this lesson's comparison, not a run another view started.
  const active = useLab((s) => selectLiveIn(s, 'gil-lesson'));
  const phase = useLab((s) => s.run.phase);
  const offline = useLab(selectOffline);
  const withPython = useLab(selectWithPython);
  const cpu = useLab((s) => selectComparison(s, 'cpu'));
  const io = useLab((s) => selectComparison(s, 'io'));
  const models = [...COMPARISON_MODELS, ...(withPython ? PYTHON_COMPARISON_MODELS : [])];
  return (
    <Panel title="Run it" className="gil-controls">
      <p className="lead">
        Each runs {models.join(', ')} on the same tasks. CPU: {cpu.params['tasks']} prime counts of about{' '}
        {cpu.params['taskMs']} ms{withPython ? ' of Node’s time (CPython takes many times longer)' : ''} on{' '}
        {cpu.threads} threads. I/O: {io.params['tasks']} waits of {io.params['taskMs']} ms on {io.threads}{' '}
        threads, one per wait, so only a GIL could keep them from overlapping.
      </p>
      <PythonChoice />
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={blocker !== null}
          onClick={() => void controller.startComparison('cpu')}
        >
          Run the CPU comparison
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={blocker !== null}
          onClick={() => void controller.startComparison('io')}
        >
          Run the I/O comparison
        </button>
        <button
          type="button"
          className="button"
          disabled={!active || phase === 'cancelling' || offline}
          onClick={() => void controller.cancelRun()}
        >
          Cancel
        </button>
      </div>
      <p className="hint run-blocker" aria-live="polite">
        {active ? null : blocker}
      </p>
      <SwitchIntervalField />
    </Panel>
  );
}
