/** How a stored run's start reads in the History view: date and time, in the viewer's time zone. */

const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** "1 Jan 2025, 14:03:22"; the text itself when it is not a date. */
export function formatStartedAt(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** The id of a run's Open button, so that focus can return to it from the opened run. */
export function openButtonId(runId: string): string {
  return `history-open-${runId}`;
}
