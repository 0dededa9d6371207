/** Tells browser-mode users when the engine is out of reach, and lets them retry at once. */
import type { ReactNode } from 'react';
import { selectConnectionNotice } from '../../store/connection-slice';
import { useController, useLab } from '../../store/store-context';
import './connection-banner.css';

/** Nothing while connected; a status while first connecting; an alert when unreachable or lost. */
export function ConnectionBanner(): ReactNode {
  const notice = useLab(selectConnectionNotice);
  const controller = useController();
  if (notice === null) return null;
  if (notice === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        Connecting to the engine…
      </div>
    );
  }
  return (
    <div className="banner banner-error" role="alert">
      <span>
        {notice === 'lost'
          ? 'Connection to the engine lost. Live updates are paused; reconnecting…'
          : 'Cannot reach the engine. Is “concurrency-lab serve” still running? Retrying…'}
      </span>
      <button type="button" className="button button-small" onClick={() => controller.reconnectNow()}>
        Reconnect now
      </button>
    </div>
  );
}
