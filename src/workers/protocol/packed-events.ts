/**
 * Task events packed into columns for the trip from the loop thread to the serving process.
 *
 * A burst of 100,000 async tasks is 200,000 events. Sent as objects, every one is rebuilt by the
 * structured clone on the receiving thread, in the turn the message arrives, and the receiving
 * heap's collector then copies them: on 2 busy cores that was the largest item of the serving
 * process's worst second. Packed, a message is a few typed arrays (copied as bytes) plus what an
 * event carries that is not a number; the receiver makes one event object at a time, when it
 * handles it, and drops it at once.
 */
import type { TransferListItem } from 'node:worker_threads';
import type { TaskGilUsage } from './host-messages';
import type { TaskEvent } from './executor';
import { transferables } from './transferables';

/** An event's kind, one byte each. */
const Kind = { QueuedAll: 0, Started: 1, Finished: 2, Failed: 3, Interrupted: 4, Lane: 5 } as const;

/**
 * The events' outputs: as they are, or, when every output of the message is a plain object of the same
 * numeric fields (sleep's `{ token, ms }`), as those fields' names and one column of numbers.
 */
export type PackedOutputs =
  | { readonly form: 'values'; readonly values: readonly unknown[] }
  | { readonly form: 'numbers'; readonly keys: readonly string[]; readonly numbers: Float64Array };

/** Events as columns: the message the loop thread sends. */
export interface PackedEvents {
  /** Each event's kind. */
  readonly kinds: Uint8Array;
  /** Two per event: the task (the count, for queued-all) and the lane. */
  readonly ints: Int32Array;
  /** Two per event: when it started (`at` for queued-all and started) and when it ended. */
  readonly times: Float64Array;
  /** The finished events' outputs, in order. */
  readonly outputs: PackedOutputs;
  /** A failed event's error, an interrupted one's reason, a lane's label, in order. */
  readonly texts: readonly string[];
  /** Each finished or failed event's GIL usage, in order; undefined where it had none. */
  readonly gil: readonly (TaskGilUsage | undefined)[] | null;
}

/** Keys of a plain object whose every value is a number, else null. */
function numericKeys(value: unknown): string[] | null {
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return null;
  const keys = Object.keys(value);
  for (const key of keys) {
    // An own "__proto__" field (JSON.parse makes them) would set the prototype when rebuilt: left as is.
    if (key === '__proto__' || typeof (value as Record<string, unknown>)[key] !== 'number') return null;
  }
  return keys;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The outputs as one column of numbers when they all share one shape of numeric fields. */
function packOutputs(outputs: readonly unknown[]): PackedOutputs {
  const keys = outputs.length > 0 ? numericKeys(outputs[0]) : null;
  if (!keys || keys.length === 0) return { form: 'values', values: outputs };
  for (const output of outputs) {
    const these = numericKeys(output);
    if (!these || !sameKeys(these, keys)) return { form: 'values', values: outputs };
  }
  const numbers = new Float64Array(outputs.length * keys.length);
  let at = 0;
  for (const output of outputs) {
    for (const key of keys) numbers[at++] = (output as Record<string, number>)[key]!;
  }
  return { form: 'numbers', keys, numbers };
}

const isInt32 = (value: number): boolean => (value | 0) === value;

/** Tasks, lanes and counts go in an Int32Array: anything else would be changed silently, so it is refused. */
function checkIndex(event: TaskEvent): void {
  const [field, value] =
    event.type === 'queued-all'
      ? ['count', event.count]
      : event.type === 'lane'
        ? ['lane', event.lane.index]
        : isInt32(event.task)
          ? ['lane', event.lane]
          : ['task', event.task];
  if (!isInt32(value))
    throw new RangeError(
      `a ${event.type} event's ${field} must be an integer from 0 to 2^31 - 1, not ${value}`,
    );
}

/** Packs events for one message, with the buffers their outputs move along (not copied). */
export function packEvents(events: readonly TaskEvent[]): {
  packed: PackedEvents;
  transfer: TransferListItem[];
} {
  const count = events.length;
  const kinds = new Uint8Array(count);
  const ints = new Int32Array(count * 2);
  const times = new Float64Array(count * 2);
  const outputs: unknown[] = [];
  const texts: string[] = [];
  const gil: (TaskGilUsage | undefined)[] = [];
  let anyGil = false;
  /** One event's kind and numbers: task (or count) and lane, start (or `at`) and end. */
  const put = (i: number, kind: number, task: number, lane: number, from: number, to: number): void => {
    kinds[i] = kind;
    ints[2 * i] = task;
    ints[2 * i + 1] = lane;
    times[2 * i] = from;
    times[2 * i + 1] = to;
  };
  for (let i = 0; i < count; i++) {
    const event = events[i]!;
    checkIndex(event);
    switch (event.type) {
      case 'queued-all':
        put(i, Kind.QueuedAll, event.count, 0, event.at, 0);
        break;
      case 'started':
        put(i, Kind.Started, event.task, event.lane, event.at, 0);
        break;
      case 'finished':
        put(i, Kind.Finished, event.task, event.lane, event.startedAt, event.endedAt);
        outputs.push(event.output);
        gil.push(event.gil);
        if (event.gil) anyGil = true;
        break;
      case 'failed':
        put(i, Kind.Failed, event.task, event.lane, event.startedAt, event.endedAt);
        texts.push(event.error);
        gil.push(event.gil);
        if (event.gil) anyGil = true;
        break;
      case 'interrupted':
        put(i, Kind.Interrupted, event.task, event.lane, event.startedAt, event.endedAt);
        texts.push(event.reason);
        break;
      case 'lane':
        put(i, Kind.Lane, 0, event.lane.index, 0, 0);
        texts.push(event.lane.label);
        break;
    }
  }
  const packedOutputs = packOutputs(outputs);
  // Each buffer once: two outputs may share one, and a buffer listed twice makes postMessage throw.
  const transfer = [
    ...new Set(packedOutputs.form === 'values' ? outputs.flatMap((output) => transferables(output)) : []),
  ];
  // Each array has a buffer of its own (never a pooled or shared one), so moving it loses nothing.
  transfer.push(kinds.buffer as ArrayBuffer, ints.buffer as ArrayBuffer, times.buffer as ArrayBuffer);
  if (packedOutputs.form === 'numbers') transfer.push(packedOutputs.numbers.buffer as ArrayBuffer);
  return {
    packed: { kinds, ints, times, outputs: packedOutputs, texts, gil: anyGil ? gil : null },
    transfer,
  };
}

/** A message's events, read once, in order. */
export interface EventReader {
  readonly length: number;
  /** The next event; call at most `length` times. */
  next(): TaskEvent;
}

/** Reads packed events back in order, one event object at a time. */
export class PackedEventReader implements EventReader {
  readonly length: number;
  private index = 0;
  private output = 0;
  private text = 0;
  private ended = 0;

  constructor(private readonly packed: PackedEvents) {
    this.length = packed.kinds.length;
  }

  /** The next event; call at most `length` times. */
  next(): TaskEvent {
    const { kinds, ints, times } = this.packed;
    const i = this.index++;
    if (i >= this.length) throw new RangeError(`read past the last of ${this.length} packed events`);
    const task = ints[2 * i]!;
    const lane = ints[2 * i + 1]!;
    const startedAt = times[2 * i]!;
    const endedAt = times[2 * i + 1]!;
    switch (kinds[i]) {
      case Kind.QueuedAll:
        return { type: 'queued-all', count: task, at: startedAt };
      case Kind.Started:
        return { type: 'started', task, lane, at: startedAt };
      case Kind.Finished: {
        const output = this.nextOutput();
        const gil = this.nextGil();
        return gil
          ? { type: 'finished', task, lane, startedAt, endedAt, output, gil }
          : { type: 'finished', task, lane, startedAt, endedAt, output };
      }
      case Kind.Failed: {
        const error = this.packed.texts[this.text++]!;
        const gil = this.nextGil();
        return gil
          ? { type: 'failed', task, lane, startedAt, endedAt, error, gil }
          : { type: 'failed', task, lane, startedAt, endedAt, error };
      }
      case Kind.Interrupted:
        return {
          type: 'interrupted',
          task,
          lane,
          startedAt,
          endedAt,
          reason: this.packed.texts[this.text++]!,
        };
      case Kind.Lane:
        return { type: 'lane', lane: { index: lane, label: this.packed.texts[this.text++]! } };
      default:
        throw new RangeError(`packed event ${i} has an unknown kind, ${kinds[i]}`);
    }
  }

  private nextOutput(): unknown {
    const outputs = this.packed.outputs;
    const at = this.output++;
    if (outputs.form === 'values') return outputs.values[at];
    const record: Record<string, number> = {};
    const width = outputs.keys.length;
    for (let k = 0; k < width; k++) record[outputs.keys[k]!] = outputs.numbers[at * width + k]!;
    return record;
  }

  private nextGil(): TaskGilUsage | undefined {
    return this.packed.gil?.[this.ended++];
  }
}
