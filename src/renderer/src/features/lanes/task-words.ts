/** A task of the timeline in words, as the tooltip and the details panel show it. */
import { formatDuration } from '../../../../shared/format';
import type { TaskDetail } from '../../../../shared/timeline';

/** One labelled fact about a task. */
export interface TaskFact {
  readonly label: string;
  readonly value: string;
  /** An error, shown as one. */
  readonly alarm?: boolean;
}

/** A time on the model's axis: "1.204 s", "12.5 ms" — to a microsecond at most. */
export function formatAt(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 100_000 ? 2 : 3)} s`;
  return `${Number(ms.toFixed(ms >= 100 ? 1 : 3))} ms`;
}

/** "Task 12 · gil-threads · thread 3". */
export function taskTitle(task: TaskDetail): string {
  return `Task ${task.task} · ${task.model} · ${task.laneLabel}`;
}

/** Start, end, duration, queue wait, and the output or error (or why it is not known). */
export function taskFacts(task: TaskDetail, textsKept: boolean): TaskFact[] {
  const facts: TaskFact[] = [
    { label: 'State', value: task.state },
    { label: 'Started', value: formatAt(task.startedAt) },
    { label: 'Ended', value: task.endedAt === null ? 'still running' : formatAt(task.endedAt) },
    {
      label: 'Duration',
      value: task.endedAt === null ? 'running' : formatDuration(task.endedAt - task.startedAt),
    },
    { label: 'Queue wait', value: formatDuration(Math.max(0, task.startedAt - task.queuedAt)) },
  ];
  if (task.state === 'failed')
    facts.push({ label: 'Error', value: task.text ?? 'not kept for this run', alarm: true });
  else if (task.state === 'done')
    facts.push({
      label: 'Output',
      value: task.text ?? (textsKept ? 'none' : 'not kept (the history keeps no outputs)'),
    });
  return facts;
}

/** "3 more tasks here" when a point held several (merged bars), or null. */
export function moreTasks(matched: number, shown: number): string | null {
  const more = matched - shown;
  return more > 0 ? `${more} more task${more === 1 ? '' : 's'} here — zoom in to tell them apart` : null;
}
