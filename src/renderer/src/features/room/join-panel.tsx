/**
 * How attendees join: in the instructor's header, a button with the attendee count that opens the
 * join panel — the attendees' link and its QR code, large in presenter mode so the back row can scan
 * it from the projector. The instructor's own link is never shown here (the server never sends it).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { selectPresenterOn } from '../../store/presenter-slice';
import { useLab } from '../../store/store-context';
import { QrCode } from './qr-code';
import './room.css';

function attendeesWords(count: number): string {
  return `${count} attendee${count === 1 ? '' : 's'}`;
}

function JoinPanel(): ReactNode {
  const join = useLab((s) => s.room.join);
  const attendees = useLab((s) => s.room.room?.attendees ?? 0);
  const presenter = useLab(selectPresenterOn);
  const close = useLab((s) => s.joinPanelClosed);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [close]);
  if (!join) return null;
  // Outside the app's element: presenter mode zooms that, and the code is sized to the real viewport.
  return createPortal(
    <div
      className={`join-panel${presenter ? ' join-panel-large' : ''}`}
      role="dialog"
      aria-labelledby="join-title"
    >
      <div className="join-panel-head">
        <h2 id="join-title">Join this room</h2>
        <button ref={closeButton} type="button" className="button button-small" onClick={close}>
          Close
        </button>
      </div>
      <QrCode rows={join.qr} label={`QR code of the join link ${join.url}`} className="join-qr" />
      <p className="join-hint">Scan the code, or open this link on the same network:</p>
      <p className="join-url">
        <code>{join.url}</code>
      </p>
      {join.otherUrls.length > 0 && (
        <details className="join-other">
          <summary>On another network of this machine</summary>
          {join.otherUrls.map((url) => (
            <p key={url}>
              <code>{url}</code>
            </p>
          ))}
        </details>
      )}
      <p className="join-count" aria-live="polite">
        {attendeesWords(attendees)} connected. Attendees follow your screen; they cannot start or cancel runs.
      </p>
    </div>,
    document.body,
  );
}

/** The header's join button (instructors of a room only) and the panel it opens. */
export function JoinControls(): ReactNode {
  const join = useLab((s) => s.room.join);
  const instructor = useLab((s) => s.room.you?.role === 'instructor');
  const attendees = useLab((s) => s.room.room?.attendees ?? 0);
  const open = useLab((s) => s.room.joinOpen);
  const toggle = useLab((s) => s.joinPanelToggled);
  if (!join || !instructor) return null;
  return (
    <div className="join-controls">
      <button
        type="button"
        className="button button-small join-button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={toggle}
      >
        <QrCode rows={join.qr} label="" className="join-button-qr" />
        Join · {attendeesWords(attendees)}
      </button>
      {open && <JoinPanel />}
    </div>
  );
}

/** An attendee's badge in the header: who they are in this room. */
export function RoleBadge(): ReactNode {
  const attendee = useLab((s) => s.room.you?.role === 'attendee');
  if (!attendee) return null;
  return <span className="badge role-badge">attendee</span>;
}
