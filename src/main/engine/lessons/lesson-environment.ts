/** What every workshop lesson needs from its caller, and the input checks they share. */
import { CancelledError } from '../errors';
import type { DistributedSettings } from '../models/distributed/distributed-model';
import type { HostScripts } from '../models/host-scripts';
import type { ProcessSpawner } from '../models/process-spawner';

/** How a lesson reaches threads and processes, and how it is cancelled. */
export interface LessonEnvironment {
  readonly hostScripts: HostScripts;
  readonly spawner: ProcessSpawner;
  /** Aborting it stops every thread and process of the lesson; the lesson then rejects with a CancelledError. */
  readonly signal?: AbortSignal;
  /** The distributed model's broker (the cluster panel's choice); a private server per run when absent. */
  readonly distributed?: DistributedSettings;
}

/** Bad lesson input: the message names the field and its allowed range. */
export class LessonInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'LessonInputError';
  }
}

/** Inclusive bounds of an integer knob. */
export interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

/** Throws a LessonInputError unless `value` is an integer within `range`. */
export function checkInteger(name: string, value: number, range: IntegerRange): void {
  if (!Number.isInteger(value) || value < range.min || value > range.max)
    throw new LessonInputError(
      `${name} must be an integer from ${range.min} to ${range.max} (got ${String(value)})`,
    );
}

/** Throws a CancelledError when the signal is aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Rounds to three decimals, so results read as measured milliseconds, not float noise. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
