/**
 * How the fan-out spends a turn of the event loop: a big frame for a room is written to its windows
 * over several turns, never all at once, and every window still gets its frames in emitted order.
 * And how often an attendee's window gets live frames: at its own rate, never after a later result.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { LabEvent } from '../../shared/ipc';
import type { LabService } from '../engine/lab-service';
import { DEFAULT_FAN_OUT_LIMITS, EventFanOut } from './event-fan-out';

/** A socket that reads instantly and keeps what it was sent, as text. */
function fakeSocket() {
  const sent: string[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount: 0,
    send: (frame: Buffer) => sent.push(frame.toString()),
    once: () => socket,
    close: () => undefined,
    terminate: () => undefined,
  };
  return { socket: socket as unknown as WebSocket, sent };
}

/** A service whose one subscriber hears what the test emits. */
function emittingService(): { service: LabService; emit: (event: LabEvent) => void } {
  let listener: (event: LabEvent) => void = () => undefined;
  const service = {
    subscribe: (l: (event: LabEvent) => void) => {
      listener = l;
      return () => undefined;
    },
  } as unknown as LabService;
  return { service, emit: (event) => listener(event) };
}

/**
 * A fan-out to 100 attendees' windows (every live frame to each: the turn tests are about writing);
 * its clock moves only as sends take time (none unless given).
 */
function fanOutOf(bytesPerTurn: number, clock = { ms: 0, perSend: 0 }) {
  const { service, emit } = emittingService();
  const fanOut = new EventFanOut(
    service,
    { ...DEFAULT_FAN_OUT_LIMITS, bytesPerTurn, attendeeLiveIntervalMs: 0 },
    undefined,
    () => clock.ms,
  );
  const windows = Array.from({ length: 100 }, () => {
    const window = fakeSocket();
    const send = window.socket.send.bind(window.socket);
    // Each send takes the clock's time (a system call on a busy machine).
    (window.socket as { send: (frame: Buffer) => void }).send = (frame) => {
      clock.ms += clock.perSend;
      send(frame);
    };
    return window;
  });
  for (const window of windows) fanOut.add(window.socket, { role: 'attendee', name: 'a' } as never);
  return { fanOut, windows, emit };
}

const turn = (): Promise<void> => new Promise((done) => setImmediate(done));

/** Gives the fan-out turns until nothing waits (at most `most`); how many it took. */
async function drained(fanOut: EventFanOut, most: number): Promise<number> {
  let turns = 0;
  while (fanOut.queued > 0 && turns < most) {
    await turn();
    turns++;
  }
  return turns;
}
const failed = (runId: string, size: number): LabEvent => ({
  event: 'run:failed',
  payload: { runId, message: 'x'.repeat(size) },
});

describe('EventFanOut over turns of the event loop', () => {
  it('writes a big frame to a room over several turns, and each window gets every frame in order', async () => {
    const { fanOut, windows, emit } = fanOutOf(1024 * 1024);
    // A 100 KB result for 100 windows is 10 MB: about ten turns' worth.
    emit(failed('big', 100 * 1024));
    emit(failed('small-1', 10));
    emit(failed('small-2', 10));
    const written = windows.filter((w) => w.sent.length > 0).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(windows.length);
    expect(fanOut.queued).toBeGreaterThan(0);

    const turns = await drained(fanOut, 100);
    expect(turns).toBeGreaterThanOrEqual(5);
    for (const window of windows)
      expect(window.sent.map((text) => /"runId":"([^"]+)"/.exec(text)![1])).toEqual([
        'big',
        'small-1',
        'small-2',
      ]);
  });

  it('writes small frames at once while nothing waits', () => {
    const { fanOut, windows, emit } = fanOutOf(1024 * 1024);
    emit(failed('small', 10));
    expect(fanOut.queued).toBe(0);
    expect(windows.every((w) => w.sent.length === 1)).toBe(true);
  });

  it('stops writing after its time a turn, even with bytes to spare, and each window still gets every frame in order', async () => {
    // Each send takes 0.75 ms: three sends spend a turn's 2 ms, however small the frames.
    const clock = { ms: 0, perSend: 0.75 };
    const { fanOut, windows, emit } = fanOutOf(1024 * 1024, clock);
    emit(failed('first', 10));
    emit(failed('second', 10));
    expect(windows.filter((w) => w.sent.length > 0)).toHaveLength(3);
    const turns = await drained(fanOut, 200);
    // 200 sends, 3 a turn: 66 more turns after the first.
    expect(turns).toBe(66);
    for (const window of windows)
      expect(window.sent.map((text) => /"runId":"([^"]+)"/.exec(text)![1])).toEqual(['first', 'second']);
  });

  it('writes only the newest of live frames still waiting, and every other frame, in order', async () => {
    // Each send takes 1 ms: two sends a turn, so frames wait while newer ones come.
    const clock = { ms: 0, perSend: 1 };
    const { fanOut, windows, emit } = fanOutOf(1024 * 1024, clock);
    const stats = (at: number): LabEvent => ({ event: 'system:heartbeat', payload: { at, seq: at } });
    emit(stats(1));
    emit(failed('result', 10));
    emit(stats(2));
    emit(stats(3));
    await drained(fanOut, 500);
    expect(fanOut.queued).toBe(0);
    const seen = (w: { sent: string[] }): string[] =>
      w.sent.map((text) => /"seq":(\d+)/.exec(text)?.[1] ?? /"runId":"([^"]+)"/.exec(text)![1]!);
    // The two windows written in the first turn had heartbeat 1; the rest never wait for a stale one.
    expect(seen(windows[0]!)).toEqual(['1', 'result', '3']);
    for (const window of windows.slice(2)) expect(seen(window)).toEqual(['result', '3']);
  });

  it('writes nothing more once it is closed', async () => {
    const { fanOut, windows, emit } = fanOutOf(64 * 1024);
    emit(failed('big', 100 * 1024));
    fanOut.close();
    await turn();
    await turn();
    expect(windows.filter((w) => w.sent.length > 0).length).toBeLessThan(windows.length);
    expect(fanOut.queued).toBe(0);
  });
});

/**
 * A room of one instructor's window and three attendees', with the given rate, on a clock the test
 * moves (timers too: vi's fake ones); every send is written at once.
 */
function roomOf(attendeeLiveIntervalMs: number) {
  const { service, emit } = emittingService();
  const clock = { ms: 0 };
  const fanOut = new EventFanOut(
    service,
    { ...DEFAULT_FAN_OUT_LIMITS, msPerTurn: Infinity, bytesPerTurn: Infinity, attendeeLiveIntervalMs },
    undefined,
    () => clock.ms,
  );
  const instructor = fakeSocket();
  const attendees = [fakeSocket(), fakeSocket(), fakeSocket()];
  fanOut.add(instructor.socket, { role: 'instructor', clientId: 'i' });
  attendees.forEach((a, i) => fanOut.add(a.socket, { role: 'attendee', clientId: `a${i}` }));
  /** Moves the clock and the timers on together. */
  const pass = (ms: number): void => {
    clock.ms += ms;
    vi.advanceTimersByTime(ms);
  };
  return { fanOut, instructor, attendees, emit, pass, clock };
}

const beat = (seq: number): LabEvent => ({ event: 'system:heartbeat', payload: { at: seq, seq } });
const seen = (w: { sent: string[] }): string[] =>
  w.sent.map((text) => /"seq":(\d+)/.exec(text)?.[1] ?? /"runId":"([^"]+)"/.exec(text)![1]!);

describe('EventFanOut to attendees', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends an attendee the newest live frame of a kind once an interval, the instructor every one', () => {
    const { fanOut, instructor, attendees, emit, pass } = roomOf(100);
    for (let seq = 1; seq <= 10; seq++) {
      emit(beat(seq));
      pass(5);
    }
    expect(seen(instructor)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['1']);
    // Once the interval has passed, the newest of the ones held back, and nothing after it.
    pass(100);
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['1', '10']);
    pass(500);
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['1', '10']);
    // A kind of its own has a rate of its own.
    emit({ event: 'system:stats', payload: { seq: 99 } as never });
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['1', '10', '99']);
    fanOut.close();
  });

  it('never sends an attendee a held frame after a newer one of its kind', () => {
    // Snapshots every 50 ms, attendees' interval 100 ms: the one held at 50 ms is due when 100 comes.
    const { fanOut, attendees, emit, pass, clock } = roomOf(100);
    emit(beat(0));
    pass(50);
    emit(beat(50));
    // 100 comes in the turn before the held frame's timer would have fired.
    clock.ms += 50;
    emit(beat(100));
    pass(300);
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['0', '100']);
    fanOut.close();
  });

  it('sends attendees what it held back before a later result, so no snapshot comes after it', () => {
    const { fanOut, attendees, emit, pass } = roomOf(10_000);
    emit(beat(1));
    emit(beat(2));
    emit(beat(3));
    emit(failed('result', 10));
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['1', '3', 'result']);
    emit(beat(4));
    // The interval began again when 3 was sent: 4 waits for it.
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['1', '3', 'result']);
    // Closed, it holds no timer and sends nothing more.
    fanOut.close();
    expect(vi.getTimerCount()).toBe(0);
    pass(20_000);
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['1', '3', 'result']);
  });

  it('sends every live frame to attendees too when their interval is 0', () => {
    const { fanOut, attendees, emit } = roomOf(0);
    for (let seq = 1; seq <= 3; seq++) emit(beat(seq));
    for (const attendee of attendees) expect(seen(attendee)).toEqual(['1', '2', '3']);
    fanOut.close();
  });
});
