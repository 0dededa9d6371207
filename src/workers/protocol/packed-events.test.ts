import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { TaskEvent } from './executor';
import type { TaskGilUsage } from './host-messages';
import { packEvents, PackedEventReader, type PackedEvents } from './packed-events';

/** Packs, sends through a real MessagePort (the structured clone a thread's message goes through), reads back. */
function roundTrip(events: readonly TaskEvent[]): { read: TaskEvent[]; packed: PackedEvents } {
  const { packed, transfer } = packEvents(events);
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(packed, transfer);
  const received = receiveMessageOnPort(port2)!.message as PackedEvents;
  port1.close();
  const reader = new PackedEventReader(received);
  const read = Array.from({ length: reader.length }, () => reader.next());
  return { read, packed: received };
}

describe('packed events', () => {
  it('reads back every kind of event as it was sent, in order', () => {
    const gil: TaskGilUsage = { holdMs: 2.25, waitMs: 1.5, switches: 3, holds: [[1.5, 2.5]] };
    const events: TaskEvent[] = [
      { type: 'lane', lane: { index: 0, label: 'slot 1' } },
      { type: 'lane', lane: { index: 7, label: 'worker 8 (pid 1234)' } },
      { type: 'queued-all', count: 100_000, at: 1_765_000_000_000.125 },
      { type: 'started', task: 0, lane: 0, at: 1_765_000_000_001.5 },
      {
        type: 'finished',
        task: 0,
        lane: 0,
        startedAt: 1.5,
        endedAt: 2.75,
        output: { primes: [2, 3], text: 'a' },
      },
      { type: 'failed', task: 1, lane: 7, startedAt: 3, endedAt: 4, error: 'boom: it broke', gil },
      { type: 'interrupted', task: 2, lane: 7, startedAt: 5, endedAt: 6, reason: 'its worker was lost' },
      { type: 'finished', task: 2, lane: 0, startedAt: 7, endedAt: 8, output: null, gil },
      { type: 'finished', task: 3, lane: 0, startedAt: 9, endedAt: 10, output: 42 },
    ];
    const { read, packed } = roundTrip(events);
    expect(read).toEqual(events);
    expect(packed.outputs.form).toBe('values');
  });

  it('sends outputs of one numeric shape as a column of numbers, and reads them back exactly', () => {
    const events: TaskEvent[] = Array.from({ length: 1024 }, (_, task) => ({
      type: 'finished',
      task,
      lane: task,
      startedAt: task + 0.1,
      endedAt: task + 0.2,
      output: { token: task * 7919, ms: task === 5 ? -0 : task / 3 },
    }));
    const { read, packed } = roundTrip(events);
    expect(packed.outputs).toMatchObject({ form: 'numbers', keys: ['token', 'ms'] });
    expect(read).toEqual(events);
    expect(Object.is((read[5] as { output: { ms: number } }).output.ms, -0)).toBe(true);
    // Keys keep their order, so an output's JSON (and its digest) is what the workload returned.
    expect(read.map((event) => JSON.stringify((event as { output: unknown }).output))).toEqual(
      events.map((event) => JSON.stringify((event as { output: unknown }).output)),
    );
  });

  it('keeps outputs as they are when their shapes differ or a field is not a number', () => {
    const mixed: TaskEvent[] = [
      { type: 'finished', task: 0, lane: 0, startedAt: 0, endedAt: 1, output: { token: 1, ms: 2 } },
      { type: 'finished', task: 1, lane: 0, startedAt: 1, endedAt: 2, output: { ms: 2, token: 1 } },
      { type: 'finished', task: 2, lane: 0, startedAt: 2, endedAt: 3, output: { token: 1, ms: '2' } },
    ];
    const { read, packed } = roundTrip(mixed);
    expect(packed.outputs.form).toBe('values');
    expect(read).toEqual(mixed);
    expect(Object.keys((read[1] as { output: object }).output)).toEqual(['ms', 'token']);
  });

  it('moves a typed array in an output to the other side rather than copying it', () => {
    const pixels = new Uint8Array([1, 2, 3, 4]);
    const events: TaskEvent[] = [
      { type: 'finished', task: 0, lane: 0, startedAt: 0, endedAt: 1, output: { pixels, width: 2 } },
    ];
    const { read } = roundTrip(events);
    expect(pixels.byteLength).toBe(0);
    expect((read[0] as { output: { pixels: Uint8Array } }).output.pixels).toEqual(
      new Uint8Array([1, 2, 3, 4]),
    );
  });

  it('refuses to read past the last event', () => {
    const reader = new PackedEventReader(packEvents([{ type: 'started', task: 1, lane: 0, at: 0 }]).packed);
    reader.next();
    expect(() => reader.next()).toThrow(/read past the last of 1 packed events/);
  });

  it('keeps an output with an own "__proto__" field as it is, not as a prototype', () => {
    const output = JSON.parse('{"__proto__": 1, "ms": 2}') as unknown;
    const events: TaskEvent[] = [{ type: 'finished', task: 0, lane: 0, startedAt: 0, endedAt: 1, output }];
    const { read, packed } = roundTrip(events);
    expect(packed.outputs.form).toBe('values');
    expect(JSON.stringify((read[0] as { output: unknown }).output)).toBe('{"__proto__":1,"ms":2}');
  });

  it('refuses a task, lane or count its Int32 column would change, naming the field', () => {
    expect(() => packEvents([{ type: 'started', task: 2 ** 31, lane: 0, at: 0 }])).toThrow(
      /a started event's task must be an integer from 0 to 2\^31 - 1, not 2147483648/,
    );
    expect(() => packEvents([{ type: 'started', task: 1, lane: 0.5, at: 0 }])).toThrow(
      /started event's lane/,
    );
    expect(() => packEvents([{ type: 'queued-all', count: Number.NaN, at: 0 }])).toThrow(/count/);
  });

  it('moves a buffer two outputs share once, rather than failing the message', () => {
    const shared = new Uint8Array([9, 8]);
    const events: TaskEvent[] = [0, 1].map((task) => ({
      type: 'finished',
      task,
      lane: 0,
      startedAt: 0,
      endedAt: 1,
      output: { bytes: shared },
    }));
    const { read } = roundTrip(events);
    expect(read.map((event) => [...(event as { output: { bytes: Uint8Array } }).output.bytes])).toEqual([
      [9, 8],
      [9, 8],
    ]);
  });
});
