/**
 * Which role may invoke each channel. Attendees follow, read and export; anything that starts,
 * stops or changes work on the shared machine, or deletes from its history, is the instructor's.
 * A new channel fails to compile until it is given a rule here.
 */
import type { InvokeChannel } from './ipc';
import { ENGINE_LESSON_IDS, lessonChannel, type LessonChannel } from './lessons/lesson-ids';
import type { Role } from './room';

/** Who may invoke a channel. */
export type ChannelAccess = 'anyone' | 'instructor';

/** Every engine lesson's channel, from the lesson registry: running a lesson is the instructor's. */
const LESSON_ACCESS = Object.fromEntries(
  ENGINE_LESSON_IDS.map((lesson) => [lessonChannel(lesson), 'instructor']),
) as { readonly [C in LessonChannel]: 'instructor' };

/** The rule of every channel. */
export const CHANNEL_ACCESS: { readonly [C in InvokeChannel]: ChannelAccess } = {
  ...LESSON_ACCESS,
  'lab:catalog': 'anyone',
  'run:start': 'instructor',
  'run:cancel': 'instructor',
  'run:export': 'anyone',
  'history:list': 'anyone',
  'history:open': 'anyone',
  'history:open-lesson': 'anyone',
  'history:compare': 'anyone',
  'history:export': 'anyone',
  'history:delete': 'instructor',
  // Jobs and lessons (their channels above) run on the shared machine and would disturb the room's measurements.
  'job:plan': 'instructor',
  'job:run': 'instructor',
  'job:async-trap': 'instructor',
  'lesson:cancel': 'instructor',
  'gil:switch-interval': 'instructor',
  'room:state': 'anyone',
  // Reading the harness's source changes nothing on the shared machine.
  'python:source': 'anyone',
  'room:screen': 'instructor',
  // Reading a run's timeline (tasks under the pointer, a zoomed-in window) changes nothing: like history's reads.
  'timeline:tasks': 'anyone',
  'timeline:window': 'anyone',
  // Attendees see how to join (their own worker's command) and who joined; only the instructor runs a server.
  'cluster:state': 'anyone',
  'cluster:start': 'instructor',
  'cluster:connect': 'instructor',
  'cluster:stop': 'instructor',
};

/** Whether `role` may invoke `channel`. */
export function mayInvoke(role: Role, channel: InvokeChannel): boolean {
  return CHANNEL_ACCESS[channel] === 'anyone' || role === 'instructor';
}

/** Why an attendee's request was refused, in one sentence that names the role. */
export function forbiddenMessage(channel: InvokeChannel, role: Role): string {
  return `${channel} is the instructor's: you joined as ${role === 'attendee' ? 'an attendee' : role}, who follows the instructor's screen and may read and export runs, but not start, cancel or change anything on the shared machine`;
}
