/**
 * "What to notice" in each lesson, checked against the measurement: every claim is evaluated on the
 * numbers of the run it describes. A claim the numbers contradict is shown as contradicted — with the
 * numbers — never as if it held.
 */
import type { Claim } from './claims';
import { formatCount, formatShare } from './format';
import type {
  DataCarrier,
  DataPassingResult,
  DeadlockResult,
  PipelineResult,
  RaceConditionResult,
  RaceRun,
} from './lessons';

export type { Claim } from './claims';

/** The race-condition lesson's claims. */
export function raceConditionClaims(result: RaceConditionResult): Claim[] {
  const find = (model: 'threads' | 'gil-threads', mode: string, switchInside?: boolean) =>
    result.runs.find(
      (r) =>
        r.model === model &&
        r.mode === mode &&
        (switchInside === undefined || r.switchInsideIncrement === switchInside),
    );
  const unsync = find('threads', 'unsynchronised');
  const atomic = find('threads', 'atomic');
  const mutex = find('threads', 'mutex');
  const gil = find('gil-threads', 'unsynchronised', true);
  const claim = (
    text: string,
    model: RaceRun['model'],
    run: RaceRun | undefined,
    test: (r: RaceRun) => boolean,
    oneCore = false,
  ): Claim => {
    if (!run) return { text, model, holds: null, evidence: 'not run this time' };
    const evidence = `final ${formatCount(run.final)} of ${formatCount(run.expected)} (${formatCount(run.lost)} lost)`;
    if (oneCore && result.cores < 2)
      return { text, model, holds: null, evidence: `${evidence}; one core: threads never truly overlap` };
    return { text, model, holds: test(run), evidence };
  };
  return [
    claim(
      'unsynchronised increments on real threads lose updates',
      'threads',
      unsync,
      (r) => r.lost > 0,
      true,
    ),
    claim('Atomics.add is exact', 'threads', atomic, (r) => r.lost === 0),
    {
      ...claim(
        'a mutex is exact, and slower than Atomics.add',
        'threads',
        mutex,
        (r) => r.lost === 0 && atomic !== undefined && r.wallMs > atomic.wallMs,
      ),
      ...(mutex && atomic
        ? {
            evidence: `final ${formatCount(mutex.final)} of ${formatCount(mutex.expected)}; ${mutex.wallMs.toFixed(0)} ms vs ${atomic.wallMs.toFixed(0)} ms with Atomics.add`,
          }
        : {}),
    },
    claim(
      'the GIL does not make counter += 1 atomic: a switch between the read and the write loses updates',
      'gil-threads',
      gil,
      (r) => r.lost > 0,
    ),
  ];
}

/** The data-passing lesson's claims, read at the largest payload. */
export function dataPassingClaims(result: DataPassingResult): Claim[] {
  const biggest = Math.max(0, ...result.rows.map((r) => r.bytes));
  const row = (carrier: string, mode: string) =>
    result.rows.find((r) => r.carrier === carrier && r.mode === mode && r.bytes === biggest);
  const clone = row('threads', 'clone');
  const transfer = row('threads', 'transfer');
  const shared = row('threads', 'shared');
  const processes = row('processes', 'clone');
  const mb = (r: typeof clone): string => (r ? `${r.msPerMb.toFixed(2)} ms/MB` : 'not measured');
  // A carrier is the worker a model runs on: the claim is about that model.
  const compare = (
    text: string,
    model: DataCarrier,
    a: typeof clone,
    b: typeof clone,
    test: boolean,
  ): Claim =>
    a && b
      ? {
          text,
          model,
          holds: test,
          evidence: `${mb(a)} vs ${mb(b)} at ${(biggest / 2 ** 20).toFixed(biggest >= 2 ** 20 ? 0 : 2)} MB`,
        }
      : { text, model, holds: null, evidence: 'not measured at this size' };
  return [
    compare(
      'moving a buffer (transfer) beats copying it for big payloads',
      'threads',
      transfer,
      clone,
      !!transfer && !!clone && transfer.ms < clone.ms,
    ),
    compare(
      'shared memory crosses no data at all: no slower than a transfer, far faster than a copy',
      'threads',
      shared,
      clone,
      !!shared && !!clone && shared.ms < clone.ms,
    ),
    compare(
      'processes can only copy, through a pipe: the slowest per megabyte',
      'processes',
      processes,
      clone,
      !!processes && !!clone && processes.msPerMb > clone.msPerMb,
    ),
    {
      text: 'every payload came back with the right checksum',
      model: null,
      holds: result.ok,
      evidence: `${result.rows.filter((r) => r.ok).length} of ${result.rows.length} rows verified`,
    },
  ];
}

/**
 * A producer wait below both bounds shows no backpressure: when the producer is paced below the
 * consumers' rate it still waits a fraction of a millisecond at start-up (the first items arrive
 * before the consumers' first takes), plus event-loop jitter. 10 ms is a few event-loop turns and a
 * fifth of one live-chart tick; 5% of the run is too little to slow the producer visibly. A wait
 * past either bound is real: the queue was full and held the producer back.
 */
const NEGLIGIBLE_BLOCKED_MS = 10;
const NEGLIGIBLE_BLOCKED_SHARE = 0.05;

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/** The backpressure claim: undecided when the producer hardly waited, since the consumers then kept up. */
function backpressureClaim(result: PipelineResult): Claim {
  const text =
    'when consumers are slower than the producer, the full queue makes the producer wait (backpressure)';
  const blocked = result.producerBlockedMs;
  const peak = `the queue peaked at ${result.maxQueueDepth} of ${result.capacity}`;
  const share = result.wallMs > 0 ? blocked / result.wallMs : 0;
  if (blocked < NEGLIGIBLE_BLOCKED_MS && share < NEGLIGIBLE_BLOCKED_SHARE)
    return {
      text,
      model: null,
      holds: null,
      evidence: `the producer waited only ${ms(blocked)} for room in a ${ms(result.wallMs)} run, which is negligible: the consumers kept up, so the queue never had to hold it back; ${peak}`,
    };
  return {
    text,
    model: null,
    // The producer waits only on a full queue: a wait without the queue ever full is not backpressure.
    holds: result.maxQueueDepth >= result.capacity,
    evidence: `the producer waited ${ms(blocked)} for room, ${formatShare(share)} of the run; ${peak}`,
  };
}

/** The pipeline lesson's claims: about the queue and the sink, whichever carrier the consumers ran on. */
export function pipelineClaims(result: PipelineResult): Claim[] {
  return [
    {
      text: 'every produced item is written exactly once',
      model: null,
      holds: result.exactlyOnce,
      evidence: `${result.check.rows} rows, ${result.check.distinctIds} distinct, ${result.check.missing} missing, ${result.check.duplicates} duplicated, of ${result.produced} produced`,
    },
    {
      text: 'the bounded queue never holds more than its capacity',
      model: null,
      holds: result.maxQueueDepth <= result.capacity,
      evidence: `at most ${result.maxQueueDepth} waiting, capacity ${result.capacity}`,
    },
    backpressureClaim(result),
  ];
}

/** The deadlock lesson's claims: about lock order, not about one model. */
export function deadlockClaims(result: DeadlockResult): Claim[] {
  const attempt = (strategy: string) => result.attempts.find((a) => a.strategy === strategy);
  const opposite = attempt('opposite-order');
  const ordered = attempt('global-order');
  return [
    opposite
      ? {
          text: 'two locks taken in opposite order deadlock, and a timeout reveals the cycle',
          model: null,
          holds: opposite.outcome === 'deadlock-detected',
          evidence:
            opposite.cycle.length > 0
              ? opposite.cycle
                  .map(
                    (w) =>
                      `${w.worker} waited ${w.waitedMs.toFixed(0)} ms for ${w.waitsFor} held by ${w.heldBy}`,
                  )
                  .join('; ')
              : `outcome: ${opposite.outcome}`,
        }
      : {
          text: 'two locks taken in opposite order deadlock',
          model: null,
          holds: null,
          evidence: 'not run this time',
        },
    ordered
      ? {
          text: 'taking the locks in one global order never deadlocks',
          model: null,
          holds: ordered.outcome === 'completed',
          evidence: `outcome: ${ordered.outcome} in ${ordered.totalMs.toFixed(0)} ms`,
        }
      : {
          text: 'taking the locks in one global order never deadlocks',
          model: null,
          holds: null,
          evidence: 'not run this time',
        },
  ];
}
