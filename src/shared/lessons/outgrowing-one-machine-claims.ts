/**
 * "What to notice" in "Outgrowing one machine", each point decided by the measurement that shows it,
 * with the tolerance its words allow (see claim-tolerance): "pays more" and "slower" hold from 1.00×
 * the other's time, "a fifth or more" from 1.20× the throughput. The kill and the answers are counts,
 * checked exactly; everything else compares times, so a busy machine leaves it unjudged.
 */
import type { Claim } from '../claims';
import { atLeast, describeTolerance, withinTolerance } from '../claim-tolerance';
import { formatCount, formatDuration, formatRate, formatSpeedup } from '../format';
import { breakEvenMs, rowsOf, type OutgrowingResult } from './outgrowing-one-machine-results';

/** "Pays more", "is slower": at least the other's time or cost. */
const MORE = atLeast(1);
/** "Raises throughput by a fifth or more": 1.20× the throughput of one worker. */
const A_FIFTH_MORE = 1.2;

/** The tolerance of each timed claim, in the order the lesson states them. */
const OUTGROWING_TOLERANCES = {
  overhead: describeTolerance(1, MORE, "× the process pool's cost per task"),
  tiny: describeTolerance(1, MORE, "× the plain loop's time"),
  bigEnough:
    "holds when distributed took less than 1.00× the plain loop's time at the largest size and every size down to the break-even",
  scaling: describeTolerance(A_FIFTH_MORE, atLeast(1), "× one worker's throughput"),
} as const;

function ms(value: number): string {
  return formatDuration(value);
}

/** "What to notice", each checked against its measurement. */
export function outgrowingClaims(result: OutgrowingResult): Claim[] {
  const overhead = rowsOf(result, 'overhead');
  const broker = overhead.find((row) => row.model === 'distributed');
  const pool = overhead.find((row) => row.model === 'processes');
  const sweep = [...rowsOf(result, 'sweep')].sort((a, b) => a.taskMs - b.taskMs);
  const smallest = sweep[0];
  const scaling = [...rowsOf(result, 'scaling')].sort((a, b) => a.localWorkers - b.localWorkers);
  const [one, most] = [scaling[0], scaling[scaling.length - 1]];
  const kill = rowsOf(result, 'kill')[0];
  // With one core and nobody joined, nothing can run in parallel: a speedup is not there to find.
  const parallel = result.cores > 1 || (most?.joinedWorkers ?? 0) > 0;
  const breakEven = breakEvenMs(result);
  const claims: Claim[] = [
    broker && pool
      ? judged(
          {
            text: 'through the broker, every task pays more on its way than through the process pool',
            model: 'distributed',
            holds: withinTolerance(broker.overheadMs / Math.max(pool.overheadMs, 1e-9), 1, MORE),
            tolerance: OUTGROWING_TOLERANCES.overhead,
            evidence: `${ms(broker.overheadMs)} per task beyond its work through NATS, ${ms(pool.overheadMs)} through the process pool (${formatCount(broker.tasks)} tasks of ${ms(broker.taskMs)})`,
          },
          'the process pool paid more than usual per task in this run (its processes starting late, or other processes using the cores)',
        )
      : {
          text: 'through the broker, every task pays more',
          model: 'distributed',
          holds: null,
          timed: true,
          tolerance: OUTGROWING_TOLERANCES.overhead,
          evidence: 'not measured',
        },
    smallest
      ? judged(
          {
            text: 'tiny tasks do not pay for the broker: distributing them is slower than the plain loop',
            model: 'distributed',
            holds: withinTolerance(smallest.distributedMs / Math.max(smallest.sequentialMs, 1e-9), 1, MORE),
            tolerance: OUTGROWING_TOLERANCES.tiny,
            evidence: `${formatCount(smallest.tasks)} tasks of ${ms(smallest.taskMs)}: ${ms(smallest.distributedMs)} distributed, ${ms(smallest.sequentialMs)} in one loop`,
          },
          'the smallest size was big enough for the workers in parallel to outweigh a broker round trip per task',
        )
      : {
          text: 'tiny tasks do not pay for the broker',
          model: 'distributed',
          holds: null,
          timed: true,
          tolerance: OUTGROWING_TOLERANCES.tiny,
          evidence: 'not measured',
        },
    judged(
      {
        text: 'big enough tasks do: past some size, distributing beats the plain loop',
        model: 'distributed',
        holds: sweep.length === 0 ? null : !parallel ? null : breakEven !== null,
        tolerance: OUTGROWING_TOLERANCES.bigEnough,
        evidence:
          sweep.length === 0
            ? 'not measured'
            : !parallel
              ? 'this machine has one core and no worker joined'
              : breakEven !== null
                ? `from ${ms(breakEven)} per task, distributed ran faster than one loop`
                : `no size up to ${ms(sweep[sweep.length - 1]!.taskMs)} per task paid off`,
      },
      'a broker round trip per task outweighed the workers in parallel at every size measured (larger sizes would pay), or other processes were using the cores',
    ),
    one && most && most !== one
      ? judged(
          {
            text: 'adding local workers up to the cores raises throughput by a fifth or more',
            model: 'distributed',
            holds: parallel
              ? withinTolerance(most.throughput / Math.max(one.throughput, 1e-9), A_FIFTH_MORE, atLeast(1))
              : null,
            tolerance: OUTGROWING_TOLERANCES.scaling,
            evidence: `${formatRate(one.throughput)} with 1 local worker, ${formatRate(most.throughput)} with ${most.localWorkers}${most.joinedWorkers > 0 ? ` (+${most.joinedWorkers} joined)` : ''} (${formatSpeedup(most.throughput / Math.max(one.throughput, 1e-9))})${parallel ? '' : '; this machine has one core'}`,
          },
          'the broker, not the workers, set the pace (tasks too small for more workers to help), or other processes were using the cores',
        )
      : {
          text: 'adding local workers raises throughput',
          model: 'distributed',
          holds: null,
          timed: true,
          tolerance: OUTGROWING_TOLERANCES.scaling,
          evidence: 'only one step of workers was measured',
        },
    kill && kill.killedPid !== null
      ? {
          text: 'a worker killed mid-task loses nothing: its task is redelivered and counted once',
          model: 'distributed',
          holds: kill.redelivered >= 1 && kill.lost === 0 && kill.countedTwice === 0,
          evidence: `pid ${kill.killedPid} killed: ${kill.redelivered} redelivered, ${kill.lost} lost, ${kill.countedTwice} counted twice, of ${kill.tasks} tasks`,
        }
      : {
          text: 'a worker killed mid-task loses nothing',
          model: 'distributed',
          holds: null,
          evidence: 'no worker could be killed mid-task in this run',
        },
    {
      text: 'every task came back with the right answer, exactly once',
      model: null,
      holds: result.ok,
      evidence: `${result.rows.filter((row) => row.ok).length} of ${result.rows.length} measurements checked`,
    },
  ];
  return claims;
}

/** A claim that compares times, with its likely cause when the numbers contradict it. */
function judged(claim: Omit<Claim, 'timed' | 'cause'>, cause: string): Claim {
  return { ...claim, timed: true, ...(claim.holds === false ? { cause } : {}) };
}
