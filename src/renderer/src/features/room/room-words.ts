/** The room's sentences: what the shared machine is doing and who asked, as a window reads it. */
import { lessonTitle } from '../../../../shared/lessons/registry';
import { describeCaller, type LabCaller, type RoomActivity } from '../../../../shared/room';

/** "You" for this window's own requests, else who it was. */
export function whoStarted(by: LabCaller, you: LabCaller | null): string {
  return you !== null && by.clientId === you.clientId ? 'you' : describeCaller(by);
}

/** What runs, in a few words. */
export function activityWords(activity: RoomActivity): string {
  switch (activity.kind) {
    case 'run':
      return `${activity.request.scenario} on ${activity.request.models.join(', ')}`;
    case 'lesson':
      // Named by its title in the lesson registry, as the lessons list names it.
      return `the “${lessonTitle(activity.lesson.lesson)}” lesson`;
    case 'job':
      return activity.what;
  }
}

/** The clock time an activity started, as this window's clock reads it. */
export function startedAtWords(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
