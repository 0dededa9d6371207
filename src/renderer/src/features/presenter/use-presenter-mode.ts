/** Applies presenter mode to the page (the root's data-presenter attribute) and follows full screen as the browser reports it. */
import { useEffect } from 'react';
import { selectPresenterOn } from '../../store/presenter-slice';
import { useLab } from '../../store/store-context';

/** The attribute the stylesheets and the chart colours key presenter mode on. */
export const PRESENTER_ATTRIBUTE = 'data-presenter';

/** Keeps the root element's attribute in step with the store, and the store in step with full screen. */
export function usePresenterMode(): void {
  const on = useLab(selectPresenterOn);
  const fullscreenChanged = useLab((s) => s.fullscreenChanged);
  useEffect(() => {
    document.documentElement.toggleAttribute(PRESENTER_ATTRIBUTE, on);
    return () => document.documentElement.removeAttribute(PRESENTER_ATTRIBUTE);
  }, [on]);
  useEffect(() => {
    const follow = () => fullscreenChanged(document.fullscreenElement !== null);
    follow();
    document.addEventListener('fullscreenchange', follow);
    return () => document.removeEventListener('fullscreenchange', follow);
  }, [fullscreenChanged]);
}

/** Asks for full screen (inside the click that turned presenter mode on); resolves with why not, or null. */
export async function enterFullscreen(): Promise<string | null> {
  if (!document.fullscreenEnabled)
    return 'Full screen is not available here: use the window’s own full screen.';
  try {
    await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
    return null;
  } catch {
    return 'Full screen was refused: use the window’s own full screen (F11).';
  }
}

/** Leaves full screen if the page is in it. */
export function leaveFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}
