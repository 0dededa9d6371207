/** One attempt of the deadlock lesson: the lock orders, the two-row timeline, the cycle in words, the outcome. */
import { useRef, type ReactNode } from 'react';
import type { DeadlockAttempt, DeadlockStrategy } from '../../../../../shared/lessons/deadlock';
import { createDeadlockTimeline } from '../../../charts/lesson-deadlock-timeline';
import { formatDuration } from '../../../../../shared/format';
import type { LabState } from '../../../store/lab-store';
import { useLab } from '../../../store/store-context';
import { shallow } from 'zustand/shallow';
import { useStoreChart } from '../../../charts/use-store-chart';

const SELECT: Readonly<Record<DeadlockStrategy, (s: LabState) => DeadlockAttempt | null>> = {
  'opposite-order': (s) =>
    s.lessons.results.deadlock?.attempts.find((a) => a.strategy === 'opposite-order') ?? null,
  'global-order': (s) =>
    s.lessons.results.deadlock?.attempts.find((a) => a.strategy === 'global-order') ?? null,
};

const TITLES: Readonly<Record<DeadlockStrategy, string>> = {
  'opposite-order': 'Opposite order',
  'global-order': 'One global order (the fix)',
};

const OUTCOMES: Readonly<Record<DeadlockAttempt['outcome'], string>> = {
  'deadlock-detected': 'Deadlock detected',
  completed: 'Completed',
  stalled: 'Stalled (no cycle found in time)',
};

function Facts({ attempt }: { readonly attempt: DeadlockAttempt }): ReactNode {
  const items = [
    attempt.formedAtMs === null ? null : `cycle formed at ${formatDuration(attempt.formedAtMs)}`,
    attempt.detectedAtMs === null ? null : `detected at ${formatDuration(attempt.detectedAtMs)}`,
    attempt.cleanupMs === null ? null : `stuck threads terminated in ${formatDuration(attempt.cleanupMs)}`,
    `total ${formatDuration(attempt.totalMs)}`,
  ].filter((item): item is string => item !== null);
  return <p className="hint">{items.join(' · ')}</p>;
}

/** The attempt of one strategy, once the lesson has run. */
export function DeadlockAttemptView({ strategy }: { readonly strategy: DeadlockStrategy }): ReactNode {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStoreChart(canvasRef, createDeadlockTimeline, SELECT[strategy], shallow);
  const attempt = useLab(SELECT[strategy]);
  return (
    <figure className={`deadlock-attempt${attempt ? '' : ' hidden'}`} data-strategy={strategy}>
      <figcaption className="deadlock-caption">
        <span className="deadlock-title">{TITLES[strategy]}</span>
        {attempt && (
          <span className="deadlock-orders">
            A: {attempt.orders.A.join(' → ')} · B: {attempt.orders.B.join(' → ')}
          </span>
        )}
        {attempt && (
          <span className={`outcome outcome-${attempt.outcome}`} data-outcome={attempt.outcome}>
            {OUTCOMES[attempt.outcome]}
          </span>
        )}
      </figcaption>
      <div className="timeline-box">
        <canvas ref={canvasRef} role="img" aria-label="Timeline: no attempt yet." />
      </div>
      {attempt && <p className="deadlock-explanation">{attempt.explanation}</p>}
      {attempt && <Facts attempt={attempt} />}
    </figure>
  );
}
