/** The live race: one row per model of the run on screen, the preparation step, and a failed run's alert. */
import type { ReactNode } from 'react';
import { fastestOf } from '../../../../shared/ranking';
import type { RunView } from '../../../../shared/views';
import type { RunPhase } from '../../store/run-slice';
import { useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import { RaceRow } from './race-row';
import './race.css';

function phaseText(phase: RunPhase, preparing: string | null, view: RunView | null): string {
  switch (phase) {
    case 'requesting':
      return 'Starting…';
    case 'preparing':
      return preparing ? `Preparing: ${preparing}` : 'Preparing tasks…';
    case 'running':
      return 'Running';
    case 'cancelling':
      return 'Cancelling…';
    case 'idle':
      return view
        ? `${view.run.state === 'done' ? 'Finished' : view.run.state === 'cancelled' ? 'Cancelled' : 'Failed'} · ${view.run.title}`
        : '';
  }
}

function fastestModel(view: RunView | null): string | undefined {
  if (!view) return undefined;
  return fastestOf(view.run.results)?.model;
}

/** The race panel; `emptyText` says what starts a run where the panel is reused (the GIL lesson). */
export function RaceView({
  emptyText = 'Pick a scenario and press Run: each model’s progress appears here, live.',
}: {
  readonly emptyText?: string;
}): ReactNode {
  const models = useLab((s) => s.run.models);
  const phase = useLab((s) => s.run.phase);
  const preparing = useLab((s) => s.run.preparing);
  const view = useLab((s) => s.run.view);
  const error = useLab((s) => s.run.error);
  const forecast = useLab((s) => (s.run.phase === 'idle' ? null : s.run.forecast));
  const fallbackTotal = useLab((s) => {
    for (const snapshot of Object.values(s.run.snapshots)) if (snapshot) return snapshot.total;
    return 0;
  });
  const fastest = fastestModel(view);
  return (
    <Panel
      title="Race"
      className="race"
      aside={
        <span className={`phase phase-${phase}`} role="status">
          {phaseText(phase, preparing, view)}
        </span>
      }
    >
      {error && (
        <div className="alert" role="alert">
          <strong>Run failed:</strong> {error}
        </div>
      )}
      {forecast && (
        <p className="race-forecast" role="note">
          {forecast.message}
        </p>
      )}
      {models.length === 0 ? (
        <EmptyState>{emptyText}</EmptyState>
      ) : (
        <ol className="race-rows">
          {models.map((model) => (
            <RaceRow key={model} model={model} fallbackTotal={fallbackTotal} fastest={model === fastest} />
          ))}
        </ol>
      )}
    </Panel>
  );
}
