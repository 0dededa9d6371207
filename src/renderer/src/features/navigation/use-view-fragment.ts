/** Keeps the view and the address's #fragment in step, so a view can be linked to and survives a reload. */
import { useEffect } from 'react';
import { selectCurrentView } from '../../store/view-slice';
import { useLab } from '../../store/store-context';
import type { LabView } from '../../views';

function fragmentView(views: readonly LabView[]): string | undefined {
  const id = decodeURIComponent(location.hash.replace(/^#\/?/, ''));
  return views.find((view) => view.id === id)?.id;
}

/** Opens the view the address names, follows back/forward, and writes the view back to the address. */
export function useViewFragment(views: readonly LabView[]): void {
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
    if (fragmentView(views) === current) return;
    // replaceState keeps the page's query (a browser-mode token) and adds no history entry per click.
    history.replaceState(history.state, '', `${location.pathname}${location.search}#${current}`);
  }, [views, current]);
}
