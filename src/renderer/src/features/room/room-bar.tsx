/**
 * The room's line under the header: what the shared machine runs, who started it and how far it got
 * (every window sees it, not just "busy"); for an attendee, whether they follow the instructor's
 * screen, with "Follow again" after stepping away; and the last request the server refused.
 */
import type { ReactNode } from 'react';
import { selectFollowing, selectIsAttendee, selectRoomRunPercent } from '../../store/room-slice';
import { useLab, useRoom } from '../../store/store-context';
import { activityWords, startedAtWords, whoStarted } from './room-words';
import './room.css';

function ActivityLine(): ReactNode {
  const activity = useLab((s) => s.room.room?.activity ?? null);
  const you = useLab((s) => s.room.you);
  const percent = useLab(selectRoomRunPercent);
  if (!activity) return null;
  return (
    <p className="room-activity" role="status" aria-live="polite">
      <span className="room-dot" aria-hidden="true" />
      <strong>Running:</strong> {activityWords(activity)}
      {percent !== null && (
        <span className="room-progress">
          <progress max={100} value={percent} aria-label="Progress of the run under way" /> {percent}%
        </span>
      )}
      <span className="room-by">
        started by {whoStarted(activity.by, you)} at {startedAtWords(activity.startedAt)}
      </span>
    </p>
  );
}

function FollowLine(): ReactNode {
  const following = useLab(selectFollowing);
  const room = useRoom();
  const hasScreen = useLab((s) => (s.room.room?.screen ?? null) !== null);
  if (following)
    return (
      <p className="room-follow" role="status">
        {hasScreen ? 'Following the instructor’s screen' : 'Waiting for the instructor’s screen…'}
      </p>
    );
  return (
    <p className="room-follow room-follow-away" role="status">
      You stepped away from the instructor’s screen.
      <button type="button" className="button button-small button-primary" onClick={() => room.followAgain()}>
        Follow again
      </button>
    </p>
  );
}

function Refusal(): ReactNode {
  const refusal = useLab((s) => s.room.refusal);
  const dismiss = useLab((s) => s.refusalDismissed);
  if (refusal === null) return null;
  return (
    <p className="room-refusal" role="alert">
      {refusal}
      <button type="button" className="button button-small" onClick={dismiss}>
        Dismiss
      </button>
    </p>
  );
}

/** Nothing for a window alone with nothing running; the room's line otherwise. */
export function RoomBar(): ReactNode {
  const attendee = useLab(selectIsAttendee);
  // A window alone (no room) that started the work itself sees it in its own view already.
  const active = useLab((s) => {
    const activity = s.room.room?.activity;
    if (!activity) return false;
    return s.room.join !== null || activity.by.clientId !== s.room.you?.clientId;
  });
  const refused = useLab((s) => s.room.refusal !== null);
  if (!attendee && !active && !refused) return null;
  return (
    <div className="room-bar">
      {attendee && <FollowLine />}
      <ActivityLine />
      <Refusal />
    </div>
  );
}
