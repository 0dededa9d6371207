/**
 * Long tasks (> 50 ms) of this page as the browser reports them (PerformanceObserver 'longtask',
 * Chromium and so Electron), kept for a while so a job's window can count the ones inside it.
 */
import { countOverlapping, type Span } from './frame-statistics';

/** How many entries are kept. */
const KEPT = 200;

/** The page's long tasks. */
export interface LongTaskWatcher {
  /** Long tasks that overlap [from, to], performance.now() times; includes entries not delivered yet. */
  countBetween(from: number, to: number): number;
  stop(): void;
}

/** Whether this browser reports long tasks. */
export function longTasksSupported(): boolean {
  return (
    typeof PerformanceObserver !== 'undefined' &&
    (PerformanceObserver.supportedEntryTypes ?? []).includes('longtask')
  );
}

/** Starts watching, or returns null where the browser has no Long Tasks API (count long frame gaps instead). */
export function watchLongTasks(): LongTaskWatcher | null {
  if (!longTasksSupported()) return null;
  const spans: Span[] = [];
  const keep = (entries: readonly PerformanceEntry[]) => {
    for (const entry of entries) spans.push({ startTime: entry.startTime, duration: entry.duration });
    if (spans.length > KEPT) spans.splice(0, spans.length - KEPT);
  };
  const observer = new PerformanceObserver((list) => keep(list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  return {
    countBetween(from, to) {
      // An entry is queued when its task ends but delivered a task later: take it now.
      keep(observer.takeRecords());
      return countOverlapping(spans, from, to);
    },
    stop: () => observer.disconnect(),
  };
}
