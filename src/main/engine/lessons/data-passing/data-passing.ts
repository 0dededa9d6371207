/**
 * Lesson: what it costs to hand data to another thread or process. A payload goes to a worker and
 * back — copied (structured clone), moved (transfer list), or not sent at all (SharedArrayBuffer) —
 * and the far side reads every byte (a checksum) and stamps the checksum into it, so no carrier can
 * win by not touching the data. Plus the round trip of a tiny message.
 */
import {
  DATA_PASSING_KNOBS,
  DEFAULT_PAYLOAD_SIZES,
  type DataCarrier,
  type DataPassingMode,
  type DataPassingRequest,
  type DataPassingResult,
  type DataPassingRow,
  type LatencyRow,
  type UnsupportedCarrier,
} from '../../../../shared/lessons/data-passing';
import { epochNow } from '../../../../shared/clock';
import {
  payloadChecksum,
  stampedChecksum,
  type PayloadEchoInput,
  type PayloadEchoOutput,
} from '../../../../workers/workloads/payload-echo';
import { processWorkerFactory, threadWorkerFactory } from '../../models/pool-workers';
import { percentiles } from '../../recording/stats';
import type { PoolWorkerFactory } from '../../models/worker-pool';
import { HostLink } from '../host-link';
import { checkInteger, round3, throwIfCancelled, type LessonEnvironment } from '../lesson-environment';

const MB = 1024 * 1024;
const WARM_UP_TRIPS = 5;

/** Observers of a measurement in progress. */
export interface DataPassingHooks {
  /** A row was measured (rows come carrier by carrier, mode by mode, size by size). */
  readonly onRow?: (row: DataPassingRow) => void;
}

const UNSUPPORTED: readonly UnsupportedCarrier[] = [
  {
    carrier: 'processes',
    mode: 'transfer',
    reason: 'processes have separate memory: a buffer cannot be moved into another process, only copied',
  },
  {
    carrier: 'processes',
    mode: 'shared',
    reason: 'processes have separate memory: a SharedArrayBuffer cannot be shared with another process',
  },
];

/** Measures every carrier and mode at every size, then latency; rejects with a CancelledError when the signal aborts. */
export async function runDataPassingLesson(
  request: DataPassingRequest,
  env: LessonEnvironment,
  hooks: DataPassingHooks = {},
): Promise<DataPassingResult> {
  const sizes = request.sizes ?? DEFAULT_PAYLOAD_SIZES;
  const repeats = request.repeats ?? 5;
  const latencySamples = request.latencySamples ?? 200;
  checkInteger('number of sizes', sizes.length, DATA_PASSING_KNOBS.sizes);
  for (const bytes of sizes) checkInteger('payload size in bytes', bytes, DATA_PASSING_KNOBS.bytes);
  checkInteger('repeats', repeats, DATA_PASSING_KNOBS.repeats);
  checkInteger('latencySamples', latencySamples, DATA_PASSING_KNOBS.latencySamples);
  throwIfCancelled(env.signal);

  const threads = threadWorkerFactory({ script: env.hostScripts.threadHost });
  const processes = processWorkerFactory({ script: env.hostScripts.processHost, spawner: env.spawner });
  const plan: readonly { carrier: DataCarrier; mode: DataPassingMode; factory: PoolWorkerFactory }[] = [
    { carrier: 'threads', mode: 'clone', factory: threads },
    {
      carrier: 'threads',
      mode: 'transfer',
      factory: threadWorkerFactory({ script: env.hostScripts.threadHost, transferInputs: true }),
    },
    { carrier: 'threads', mode: 'shared', factory: threads },
    { carrier: 'processes', mode: 'clone', factory: processes },
  ];
  const rows: DataPassingRow[] = [];
  const latency: LatencyRow[] = [];
  for (const { carrier, mode, factory } of plan) {
    const link = await HostLink.open(factory, 0, env.signal);
    try {
      if (mode === 'clone') latency.push(await measureLatency(link, carrier, latencySamples));
      // Warm-up: the first calls pay for compiling both sides' code paths.
      for (let i = 0; i < WARM_UP_TRIPS; i++) await roundTrip(link, mode, payload(Math.min(...sizes)));
      for (const bytes of sizes) {
        const row = await measureSize(link, carrier, mode, bytes, repeats);
        rows.push(row);
        hooks.onRow?.(row);
      }
    } finally {
      await link.close();
    }
  }
  throwIfCancelled(env.signal);
  return { rows, latency, unsupported: UNSUPPORTED, ok: rows.every((row) => row.ok) };
}

async function measureLatency(link: HostLink, carrier: DataCarrier, samples: number): Promise<LatencyRow> {
  const warmUp = Math.min(20, samples);
  const times: number[] = [];
  for (let i = 0; i < warmUp + samples; i++) {
    const startedAt = epochNow();
    const { output } = await link.call('payload-echo', { kind: 'ping', token: i });
    const ms = epochNow() - startedAt;
    if (output.kind !== 'ping' || output.token !== i)
      throw new Error(`${link.label} answered a ping wrongly`);
    if (i >= warmUp) times.push(ms);
  }
  const { p50, p95 } = percentiles(times);
  return { carrier, samples, medianMs: round3(p50), p95Ms: round3(p95) };
}

async function measureSize(
  link: HostLink,
  carrier: DataCarrier,
  mode: DataPassingMode,
  bytes: number,
  repeats: number,
): Promise<DataPassingRow> {
  let data = payload(bytes);
  const expected = payloadChecksum(data);
  const times: number[] = [];
  const touches: number[] = [];
  let ok = true;
  for (let i = 0; i < repeats; i++) {
    const trip = await roundTrip(link, mode, data);
    times.push(trip.ms);
    touches.push(trip.touchMs);
    ok &&= trip.checksum === expected && verifies(trip.returned, bytes, expected);
    data = trip.returned;
  }
  const ms = percentiles(times).p50;
  return {
    carrier,
    mode,
    bytes,
    ms: round3(ms),
    msPerMb: round3(ms / (bytes / MB)),
    touchMs: round3(percentiles(touches).p50),
    ok,
  };
}

interface Trip {
  readonly ms: number;
  readonly touchMs: number;
  readonly checksum: number;
  /** The payload as this side sees it afterwards: the echo, or the shared bytes. */
  readonly returned: Uint8Array;
}

async function roundTrip(link: HostLink, mode: DataPassingMode, data: Uint8Array): Promise<Trip> {
  let shared: Uint8Array | null = null;
  let input: PayloadEchoInput;
  if (mode === 'shared') {
    shared = data.buffer instanceof SharedArrayBuffer ? data : copyToShared(data);
    input = { kind: 'shared', buffer: shared.buffer as SharedArrayBuffer, byteLength: shared.byteLength };
  } else {
    input = { kind: mode, data };
  }
  const startedAt = epochNow();
  const { output } = await link.call('payload-echo', input);
  const ms = epochNow() - startedAt;
  if (mode === 'transfer' && data.byteLength !== 0)
    throw new Error('the transferred payload is still readable here: it was copied, not moved');
  return { ms, touchMs: touchMsOf(output), checksum: checksumOf(output), returned: shared ?? echoed(output) };
}

function echoed(output: PayloadEchoOutput): Uint8Array {
  if (output.kind === 'clone') return output.echo.data;
  if (output.kind === 'transfer') return output.data;
  throw new Error(`a ${output.kind} answer carries no payload`);
}

function checksumOf(output: PayloadEchoOutput): number {
  return output.kind === 'ping' ? NaN : output.checksum;
}

function touchMsOf(output: PayloadEchoOutput): number {
  return output.kind === 'ping' ? 0 : output.touchMs;
}

/** The far side's stamp is there and the bytes are the ones sent. */
function verifies(returned: Uint8Array, bytes: number, expected: number): boolean {
  return (
    returned.byteLength === bytes &&
    stampedChecksum(returned) === expected &&
    payloadChecksum(returned) === expected
  );
}

function copyToShared(data: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(data.byteLength));
  shared.set(data);
  return shared;
}

/** Deterministic pseudo-random bytes (xorshift32), so a lost or reordered chunk changes the checksum. */
function payload(bytes: number): Uint8Array {
  const data = new Uint8Array(bytes);
  const words = new Int32Array(data.buffer, 0, Math.floor(bytes / 4));
  let x = 0x2545f491 ^ bytes;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x;
  }
  for (let i = words.length * 4; i < bytes; i++) data[i] = i & 255;
  return data;
}
