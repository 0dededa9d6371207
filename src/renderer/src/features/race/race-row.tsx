/** One model's row of the race: progress bar (done/total), state in words, elapsed and ETA. */
import type { ReactNode } from 'react';
import type { ModelId } from '../../../../shared/models';
import { formatCount, formatDuration } from '../../../../shared/format';
import { stateWord } from '../../format/run-state';
import {
  runScenario,
  selectExpectedMs,
  selectRunOnScreen,
  selectSettledState,
  selectSnapshot,
} from '../../store/run-slice';
import { useRunSlot } from '../../ui/run-slot';
import { useLab } from '../../store/store-context';
import { ModelSwatch, modelColorStyle } from '../../ui/model-swatch';
import { MODELS } from '../../../../shared/models';
import { PythonCodeButton } from '../python/python-code';

/** Props of a race row. */
export interface RaceRowProps {
  readonly model: ModelId;
  /** Tasks of the run, for models that have not reported yet. */
  readonly fallbackTotal: number;
  readonly fastest: boolean;
}

/** A row that re-renders only when its own model's snapshot changes. */
export function RaceRow({ model, fallbackTotal, fastest }: RaceRowProps): ReactNode {
  const slot = useRunSlot();
  const snapshot = useLab((s) => selectSnapshot(s, model, slot));
  const settled = useLab((s) => selectSettledState(s, model, slot));
  const idle = useLab((s) => selectRunOnScreen(s, slot).phase === 'idle');
  const expectedMs = useLab((s) => selectExpectedMs(s, model, slot));
  const scenario = useLab((s) => runScenario(selectRunOnScreen(s, slot)));
  const python = MODELS[model].family.id === 'cpython' && scenario !== null;
  const state = snapshot && snapshot.state !== 'pending' ? snapshot.state : (settled ?? 'pending');
  // A run that failed as a whole leaves the models it never reached: they are not waiting any more.
  const word = state === 'pending' && idle ? 'not run' : stateWord(state);
  const total = snapshot?.total ?? fallbackTotal;
  const completed = snapshot?.completed ?? 0;
  const failed = snapshot?.failed ?? 0;
  const done = completed + failed;
  const share = (n: number) => (total > 0 ? `${(100 * n) / total}%` : '0%');
  const eta = snapshot?.etaMs;
  return (
    <li className={`race-row race-${state}`}>
      <div className="race-name">
        <ModelSwatch model={model} />
        <span className="model-id">{model}</span>
        {fastest && <span className="badge badge-fastest">fastest</span>}
        {python && <PythonCodeButton model={model} scenario={scenario} />}
      </div>
      <span className={`state-word state-${state}`}>{word}</span>
      <div
        className="progress"
        style={modelColorStyle(model)}
        role="progressbar"
        aria-label={`${model} progress`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={completed}
        aria-valuetext={`${formatCount(completed)} of ${formatCount(total)} tasks done${failed ? `, ${formatCount(failed)} failed` : ''}`}
      >
        <div className="progress-done" style={{ width: share(completed) }} />
        {failed > 0 && <div className="progress-failed" style={{ width: share(failed) }} />}
        {state === 'running' && done < total && (
          <div className="progress-live" style={{ left: share(done) }} />
        )}
      </div>
      <div className="race-numbers">
        <span className="race-count">
          {formatCount(completed)}/{formatCount(total)}
          {failed > 0 && <span className="race-failed"> · {formatCount(failed)} failed</span>}
        </span>
        <span className="race-time">{snapshot ? formatDuration(snapshot.elapsedMs) : '—'}</span>
        {state === 'running' && eta !== null && eta !== undefined ? (
          <span className="race-eta">ETA {formatDuration(eta)}</span>
        ) : (state === 'pending' || state === 'starting') && !idle && expectedMs !== undefined ? (
          <span className="race-eta" title="Expected, from the forecast measured before the run">
            ≈ {formatDuration(expectedMs)}
          </span>
        ) : (
          <span className="race-eta" />
        )}
      </div>
    </li>
  );
}
