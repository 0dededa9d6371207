/** The race-condition lesson's runs as the chart and table name them. */
import { formatPercent } from '../../../shared/format';
import type { RaceRun } from '../../../shared/lessons/race-condition';

/** How a run protected its increments, in a few words. */
export function raceRunLabel(run: RaceRun): string {
  if (run.model === 'gil-threads')
    return run.switchInsideIncrement ? 'GIL, switch inside +=' : 'GIL, switch between +=';
  switch (run.mode) {
    case 'unsynchronised':
      return 'threads, no lock';
    case 'atomic':
      return 'threads, Atomics.add';
    case 'mutex':
      return 'threads, mutex';
  }
}

/** The label on short lines, for under a bar: ["GIL", "switch", "inside +="]. */
export function raceRunLines(run: RaceRun): string[] {
  const [who, how] = raceRunLabel(run).split(', ') as [string, string];
  return run.model === 'gil-threads' ? [who, ...how.split(/ (?=inside|between)/)] : [who, how];
}

/** A run's lost updates as a share of the expected count: "55% lost", "0.3% lost", "exact". */
export function lostText(run: RaceRun): string {
  if (run.lost === 0) return 'exact';
  return `${formatPercent(run.lostPercent)} lost`;
}
