/** Keeps the view and the address's #fragment in step, so a view can be linked to and survives a reload. */
import { useEffect } from 'react';
import { selectCurrentView } from '../../store/view-slice';
import { useLab, useLabStore } from '../../store/store-context';
import type { LabView } from '../../views';

function fragmentView(views: readonly LabView[]): string | undefined {
  // A view may keep its own place after a slash (#lessons/deadlock); the view is the part before it.
  const id = decodeURIComponent(location.hash.replace(/^#\/?/, '')).split('/')[0];
  return views.find((view) => view.id === id)?.id;
}

/** Opens the view the address names, follows back/forward, and writes the view back to the address. */
export function useViewFragment(views: readonly LabView[]): void {
  const store = useLabStore();
  const current = useLab(selectCurrentView);
  const viewChosen = useLab((s) => s.viewChosen);
  useEffect(() => {
    const follow = () => {
      const id = fragmentView(views);
      if (id) viewChosen(id);
    };
    follow();
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, [views, viewChosen]);
  useEffect(() => {
    // The store, not the render's value: the fragment may have just chosen another view (a deep link).
    const view = selectCurrentView(store.getState());
    if (fragmentView(views) === view) return;
    // replaceState keeps the page's query (a browser-mode token) and adds no history entry per click.
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${view}`);
  }, [store, views, current]);
}
