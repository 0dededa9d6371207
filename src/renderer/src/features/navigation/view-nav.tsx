/** The views' navigation: one button per view, the current one marked for assistive technology. */
import type { ReactNode } from 'react';
import { selectCurrentView } from '../../store/view-slice';
import { useLab } from '../../store/store-context';
import type { LabView } from '../../views';
import { useViewFragment } from './use-view-fragment';
import './view-nav.css';

/** `<nav aria-label="Views">` with a button per view. */
export function ViewNav({ views }: { readonly views: readonly LabView[] }): ReactNode {
  const current = useLab(selectCurrentView);
  const viewChosen = useLab((s) => s.viewChosen);
  useViewFragment(views);
  return (
    <nav className="view-nav" aria-label="Views">
      <ul>
        {views.map((view) => (
          <li key={view.id}>
            <button
              type="button"
              className="view-nav-button"
              aria-current={view.id === current ? 'page' : undefined}
              onClick={() => viewChosen(view.id)}
            >
              {view.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
