import { describe, expect, it } from 'vitest';
import { activityWords } from './room-words';

describe('room words', () => {
  it('names a lesson under way by its title in the lesson registry', () => {
    expect(
      activityWords({
        kind: 'lesson',
        lesson: { lesson: 'pipeline', request: { items: 100 } },
        by: { role: 'instructor', clientId: 'app' },
        startedAt: '2026-01-01T10:00:00.000Z',
      }),
    ).toBe('the “Producer/consumer pipeline” lesson');
  });
});
