import { describe, expect, it } from 'vitest';
import { measuringContext } from '../../test-support/measuring-context';
import { createRaceBuffer, RACE_SLOTS, raceCounterWorkload, type RaceSync } from './race-counter';

describe('raceCounterWorkload on one thread', () => {
  it.each<RaceSync>(['none', 'atomic', 'mutex'])('counts exactly alone (%s)', async (sync) => {
    const buffer = createRaceBuffer();
    const output = await raceCounterWorkload(
      { buffer, workerId: 1, workers: 1, times: 1000, sync, checkpoints: 'inside-increment' },
      measuringContext(),
    );
    expect(new Int32Array(buffer)[RACE_SLOTS.counter]).toBe(1000);
    expect(output.increments).toBe(1000);
    expect(output.loopEndedAt).toBeGreaterThanOrEqual(output.loopStartedAt);
  });
});
