/** The live race: one row per model of the run on screen, the preparation step, and a failed run's alert. */
import { useEffect, useRef, type ReactNode } from 'react';
import { fastestOf } from '../../../../shared/ranking';
import type { RunView } from '../../../../shared/views';
import { formatTimeOfDay } from '../../../../shared/format';
import { scenarioInfo } from '../../../../shared/scenarios';
import { selectOffline } from '../../store/connection-slice';
import { selectRunOnScreen, type RunPhase, type RunState } from '../../store/run-slice';
import { scenarioSettingsText } from '../../store/run-lesson-summary';
import { useRunSlot } from '../../ui/run-slot';
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

/** Which run this view shows, with its settings: its own, live or finished — never another view's. */
function RunCaption({ run }: { readonly run: RunState }): ReactNode {
  const summary = run.view?.run ?? null;
  const scenario = summary?.scenario ?? run.request?.scenario;
  const params = summary?.params ?? run.request?.params;
  if (!scenario || !params) return null;
  const when = summary ? ` · started ${formatTimeOfDay(summary.startedAt)}` : '';
  return (
    <p className="run-caption" data-run-id={summary?.runId ?? run.runId ?? undefined}>
      <span className="muted">{summary ? 'Showing' : 'Running'}:</span> {scenarioInfo(scenario).title} —{' '}
      {scenarioSettingsText(scenario, params)}
      <span className="muted">{when}</span>
    </p>
  );
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
  const slot = useRunSlot();
  const run = useLab((s) => selectRunOnScreen(s, slot));
  const { models, phase, preparing, view, error } = run;
  const forecast = phase === 'idle' ? null : run.forecast;
  const fallbackTotal = useLab((s) => {
    for (const snapshot of Object.values(selectRunOnScreen(s, slot).snapshots))
      if (snapshot) return snapshot.total;
    return 0;
  });
  const fastest = fastestModel(view);
  // A run under way while the engine is out of reach: what is shown is where it was when the link dropped.
  const linkLost = useLab((s) => selectOffline(s) && s.connection.everOpened);
  const disconnected = linkLost && phase !== 'idle';
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    // Run was pressed (or R): the live race comes into view, wherever the form had been scrolled to.
    if (phase !== 'requesting') return;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    section.current?.scrollIntoView({ block: 'nearest', behavior: reduced ? 'auto' : 'smooth' });
  }, [phase]);
  return (
    <Panel
      title="Race"
      className={`race${disconnected ? ' race-disconnected' : ''}`}
      sectionRef={section}
      aside={
        <span className={`phase phase-${disconnected ? 'disconnected' : phase}`} role="status">
          {disconnected ? 'Disconnected: live updates paused' : phaseText(phase, preparing, view)}
        </span>
      }
    >
      {error && (
        <div className="alert" role="alert">
          <strong>Run failed:</strong> {error}
        </div>
      )}
      <RunCaption run={run} />
      {forecast && (
        <p className="race-forecast" role="note">
          {forecast.message}
        </p>
      )}
      {models.length === 0 ? (
        <EmptyState>{emptyText}</EmptyState>
      ) : (
        <div className="race-rows-box">
          <ol className="race-rows">
            {models.map((model) => (
              <RaceRow key={model} model={model} fallbackTotal={fallbackTotal} fastest={model === fastest} />
            ))}
          </ol>
        </div>
      )}
    </Panel>
  );
}
