/**
 * How long models of a run are expected to take, measured before they start: CPython computes many
 * times slower than Node on the same tasks, so a race that includes it says so before anyone waits.
 */
import { formatDuration } from './format';
import type { ModelId } from './models';

/** One model's expected wall time (its pool's start-up not included). */
export interface ModelForecast {
  readonly model: ModelId;
  readonly expectedMs: number;
}

/** A run's forecast: the models it covers, and what was measured, in words. */
export interface RunForecast {
  readonly models: readonly ModelForecast[];
  /** "CPython ran a sample of count-primes 31× slower than Node: expect py-threads ≈ 1 min 12 s, …". */
  readonly message: string;
}

/** The forecast in words, after the measurement it rests on. */
export function forecastMessage(basis: string, models: readonly ModelForecast[]): string {
  const each = models.map((m) => `${m.model} ≈ ${formatDuration(m.expectedMs)}`).join(', ');
  const total = models.reduce((sum, m) => sum + m.expectedMs, 0);
  const all = models.length > 1 ? ` (about ${formatDuration(total)} in all)` : '';
  return `${basis}: expect ${each}${all}`;
}
