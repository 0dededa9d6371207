/**
 * JSON text of plain data, written piece by piece with the event loop given a turn every few
 * milliseconds: a finished 100,000-task run holds half a million task records, and one
 * JSON.stringify of it blocks a serving process for most of a second. The text is the same as
 * JSON.stringify's (same key order, same skipped values), so what reads it back does not change.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LaneList } from '../../../shared/lane-list';
import { TaskTimeline } from '../../../shared/task-timeline';

/** Arrays longer than this are written in slices of this many elements. */
const SLICE = 2_000;
/** Pieces are handed on in parts of about this many characters. */
const PART_CHARS = 256 * 1024;
/** Work done in one turn of the event loop before it gets the next, ms. */
const TURN_MS = 4;

/** Whether a value has elements or fields to walk into (JSON.stringify writes the rest whole). */
function isContainer(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** The JSON pieces of `value`, in order: big arrays in slices, everything small in one piece. */
function* pieces(value: unknown): Generator<string> {
  if (value instanceof TaskTimeline || value instanceof LaneList) {
    // Its JSON is the array of its records or lanes (toJSON): made a slice at a time, never all at once.
    yield '[';
    for (let from = 0; from < value.length; from += SLICE)
      yield (from > 0 ? ',' : '') + JSON.stringify(value.slice(from, from + SLICE)).slice(1, -1);
    yield ']';
    return;
  }
  if (!isContainer(value)) {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    if (value.length > SLICE) {
      yield '[';
      for (let from = 0; from < value.length; from += SLICE) {
        const slice = JSON.stringify(value.slice(from, from + SLICE));
        yield (from > 0 ? ',' : '') + slice.slice(1, -1);
      }
      yield ']';
    } else if (!value.some(isContainer)) {
      yield JSON.stringify(value);
    } else {
      yield '[';
      for (const [index, element] of value.entries()) {
        if (index > 0) yield ',';
        // As in JSON.stringify, an element that has no JSON form is written as null.
        if (element === undefined || typeof element === 'function' || typeof element === 'symbol')
          yield 'null';
        else yield* pieces(element);
      }
      yield ']';
    }
    return;
  }
  yield '{';
  let first = true;
  for (const [key, field] of Object.entries(value)) {
    // As in JSON.stringify, a field that has no JSON form is left out.
    if (field === undefined || typeof field === 'function' || typeof field === 'symbol') continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    yield* pieces(field);
  }
  yield '}';
}

/**
 * Writes `value`'s JSON text to `write` in parts of about 256 KB, giving the event loop a turn
 * whenever 4 ms of work is done; `write` may wait (for a stream to drain).
 */
export async function writeJsonInTurns(
  value: unknown,
  write: (part: string) => void | Promise<void>,
): Promise<void> {
  let part = '';
  let turnStartedAt = performance.now();
  for (const piece of pieces(value)) {
    part += piece;
    if (part.length >= PART_CHARS) {
      await write(part);
      part = '';
    }
    if (performance.now() - turnStartedAt >= TURN_MS) {
      await nextTurn();
      turnStartedAt = performance.now();
    }
  }
  if (part.length > 0) await write(part);
}
