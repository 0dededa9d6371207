/** "What to notice": each claim with what this run measured — shown, contradicted, or undecided, never assumed. */
import type { ReactNode } from 'react';
import type { Claim } from '../../../../shared/claims';
import type { MachineLoad } from '../../../../shared/machine-load';
import { BusyMachineNotice } from '../../ui/busy-machine-notice';
import { claimLine, type ClaimState } from '../../store/lessons-slice-claims';
import { selectFormActive } from '../../store/lessons-slice';
import type { LessonFormId } from '../../store/lessons-slice-forms';
import { isEngineLessonForm } from '../../store/lessons-slice-selectors';
import { useLab } from '../../store/store-context';
import { EmptyState, Panel } from '../../ui/panel';
import { SavedLessonRun } from './saved-lesson-run';

const MARKS: Readonly<Record<ClaimState, string>> = { true: '✓', false: '✗', null: '?' };

/** The list of claims of the form's last result, or what makes them appear. */
export function WhatToNotice({
  form,
  claims,
  load,
}: {
  readonly form: LessonFormId;
  /** null until the lesson measured something. */
  readonly claims: readonly Claim[] | null;
  /** Other processes' load around the run the claims read: a busy machine is said first. */
  readonly load?: MachineLoad | undefined;
}): ReactNode {
  const running = useLab((s) => selectFormActive(s, form));
  return (
    <Panel title="What to notice" className="notice">
      {claims === null || running ? (
        <EmptyState>
          {running
            ? 'Measuring… each thing to notice is checked against the result when it is in.'
            : 'Press Run: each thing to notice is then checked against what this machine measures.'}
        </EmptyState>
      ) : (
        <>
          <BusyMachineNotice load={load} />
          <ul className="claims" aria-label="What to notice">
            {claims.map(claimLine).map((line) => (
              <li
                key={line.text}
                className={`claim claim-${line.holds}`}
                data-holds={line.holds}
                title={line.tolerance ? `The claim ${line.tolerance}.` : undefined}
              >
                <span className="claim-mark" aria-hidden="true">
                  {MARKS[line.holds]}
                </span>
                <span className="claim-body">
                  <strong className="claim-lead">{line.lead}</strong> {line.text}
                  {line.tolerance && <span className="claim-tolerance"> ({line.tolerance})</span>}
                  {line.detail && <span className="claim-detail"> {line.detail}</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {isEngineLessonForm(form) && <SavedLessonRun lesson={form} />}
    </Panel>
  );
}
