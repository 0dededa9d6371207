import { describe, expect, it } from 'vitest';
import { CHANNEL_ACCESS, mayInvoke } from './channel-access';
import { INVOKE_CHANNELS } from './ipc';
import { ENGINE_LESSON_IDS, lessonChannel } from './lessons/lesson-ids';

describe('channel access', () => {
  it('gives every channel of the contract a rule, and no other', () => {
    expect(Object.keys(CHANNEL_ACCESS).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it.each(ENGINE_LESSON_IDS)('keeps running the %s lesson of the registry to the instructor', (lesson) => {
    const channel = lessonChannel(lesson);
    expect(CHANNEL_ACCESS[channel]).toBe('instructor');
    expect(mayInvoke('attendee', channel)).toBe(false);
    expect(mayInvoke('instructor', channel)).toBe(true);
  });

  it('keeps cancelling a lesson to the instructor, and lets anyone re-open a lesson run', () => {
    expect(mayInvoke('attendee', 'lesson:cancel')).toBe(false);
    expect(mayInvoke('attendee', 'history:open-lesson')).toBe(true);
  });
});
