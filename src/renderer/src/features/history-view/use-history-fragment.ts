/**
 * Keeps the run opened in History and the address's #fragment in step: #history/<id> opens that run
 * (a lesson run in its lesson), so a run can be bookmarked, linked to and reloaded; opening or
 * closing a run writes the address back.
 */
import { useEffect, useRef } from 'react';
import { useHistoryController, useLab, useLabStore } from '../../store/store-context';

/** The view id that owns the fragment's run part. */
const VIEW_ID = 'history';

/** The run the address names (#history/<id>), or null. */
export function fragmentRunId(hash: string): string | null {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (view !== VIEW_ID || rest.length === 0) return null;
  const runId = decodeURIComponent(rest.join('/'));
  return runId === '' ? null : runId;
}

/** The address of the History view with a run open, or with none. */
export function historyFragment(runId: string | null): string {
  return runId === null ? `#${VIEW_ID}` : `#${VIEW_ID}/${encodeURIComponent(runId)}`;
}

/** Opens the run the address names, follows back/forward and edits, and writes the opened run to the address. */
export function useHistoryFragment(): void {
  const store = useLabStore();
  const controller = useHistoryController();
  const detailRunId = useLab((s) => s.historyView.detail.runId);
  const listStatus = useLab((s) => s.history.status);
  useEffect(() => {
    const follow = (edited: boolean): void => {
      const runId = fragmentRunId(location.hash);
      const s = store.getState();
      if (runId === null) {
        // Back (or an edit) to the bare #history closes the run; a view switch writes #history without closing it.
        if (edited && s.view.current === VIEW_ID && s.historyView.detail.runId !== null) s.runDetailClosed();
        return;
      }
      if (s.historyView.detail.runId === runId) return;
      const item = s.history.items.find((listed) => listed.runId === runId);
      if (item?.kind === 'lesson') return void controller.openLessonRun(runId);
      // Whether the id is a lesson run is known once the list is: until then, wait.
      if (!item && s.history.status !== 'loaded' && s.history.status !== 'failed') return;
      void controller.openRun(runId);
    };
    follow(false);
    const onHashChange = (): void => follow(true);
    addEventListener('hashchange', onHashChange);
    return () => removeEventListener('hashchange', onHashChange);
  }, [store, controller, listStatus]);
  const written = useRef<string | null>(null);
  useEffect(() => {
    const mounted = written.current === null;
    written.current = historyFragment(detailRunId);
    // On arrival with no run open, the address may name one still to open: leave it.
    if (mounted && detailRunId === null) return;
    if (location.hash === written.current) return;
    // replaceState keeps the page's query (a browser-mode token) and adds no history entry per click.
    history.replaceState(history.state, '', `${location.pathname}${location.search}${written.current}`);
  }, [detailRunId]);
}
