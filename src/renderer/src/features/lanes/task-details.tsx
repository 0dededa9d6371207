/** The task under the pointer (a tooltip by it) and the selected task (a panel under the timeline). */
import type { ReactNode } from 'react';
import { foundTask, type TaskLookup } from './timeline-view';
import { moreTasks, taskFacts, taskTitle } from './task-words';

function Facts({ lookup }: { readonly lookup: TaskLookup }): ReactNode {
  const task = foundTask(lookup);
  if (lookup.error) return <p className="task-error">{lookup.error}</p>;
  if (!lookup.answer) return <p className="muted">Asking the engine…</p>;
  if (!task) return <p className="muted">No task here: the lane was idle.</p>;
  const more = moreTasks(lookup.answer.matched, 1);
  return (
    <>
      <dl className="task-facts">
        {taskFacts(task, lookup.answer.textsKept).map((fact) => (
          <div key={fact.label}>
            <dt>{fact.label}</dt>
            <dd className={fact.alarm ? 'task-error' : undefined}>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {more && <p className="muted task-more">{more}</p>}
    </>
  );
}

function heading(lookup: TaskLookup): string {
  const task = foundTask(lookup);
  return task ? taskTitle(task) : `${lookup.hit.model} · ${lookup.hit.label}`;
}

/** The tooltip by the pointer, placed inside the timeline's box. */
export function TaskTooltip({
  lookup,
  boxWidth,
}: {
  readonly lookup: TaskLookup | null;
  readonly boxWidth: number;
}): ReactNode {
  if (!lookup) return null;
  // On the side of the pointer with more room.
  const left = lookup.x > boxWidth / 2 ? undefined : lookup.x + 14;
  const right = lookup.x > boxWidth / 2 ? boxWidth - lookup.x + 14 : undefined;
  return (
    <div className="task-tooltip" role="tooltip" style={{ left, right, top: lookup.y + 14 }}>
      <p className="task-title">{heading(lookup)}</p>
      <Facts lookup={lookup} />
    </div>
  );
}

/** The selected task's details, with a button (and Esc) to close them. */
export function TaskDetails({
  lookup,
  onClose,
}: {
  readonly lookup: TaskLookup | null;
  readonly onClose: () => void;
}): ReactNode {
  if (!lookup) return null;
  return (
    <section className="task-details" aria-label="Selected task" aria-live="polite">
      <header className="task-details-header">
        <h3 className="task-title">{heading(lookup)}</h3>
        <button type="button" className="button button-small button-quiet" onClick={onClose}>
          Close
        </button>
      </header>
      <Facts lookup={lookup} />
    </section>
  );
}
