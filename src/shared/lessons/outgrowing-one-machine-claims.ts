/** "What to notice" in "Outgrowing one machine", each point decided by the measurement that shows it. */
import type { Claim } from '../claims';
import { formatCount, formatDuration, formatRate, formatSpeedupApprox } from '../format';
import { breakEvenMs, rowsOf, type OutgrowingResult } from './outgrowing-one-machine-results';

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
      ? {
          text: 'through the broker, every task pays more on its way than through the process pool',
          model: 'distributed',
          holds: broker.overheadMs > pool.overheadMs,
          evidence: `${ms(broker.overheadMs)} per task beyond its work through NATS, ${ms(pool.overheadMs)} through the process pool (${formatCount(broker.tasks)} tasks of ${ms(broker.taskMs)})`,
        }
      : {
          text: 'through the broker, every task pays more',
          model: 'distributed',
          holds: null,
          evidence: 'not measured',
        },
    smallest
      ? {
          text: 'tiny tasks do not pay for the broker: distributing them is slower than the plain loop',
          model: 'distributed',
          holds: smallest.distributedMs > smallest.sequentialMs,
          evidence: `${formatCount(smallest.tasks)} tasks of ${ms(smallest.taskMs)}: ${ms(smallest.distributedMs)} distributed, ${ms(smallest.sequentialMs)} in one loop`,
        }
      : {
          text: 'tiny tasks do not pay for the broker',
          model: 'distributed',
          holds: null,
          evidence: 'not measured',
        },
    {
      text: 'big enough tasks do: past some size, distributing beats the plain loop',
      model: 'distributed',
      holds: sweep.length === 0 ? null : !parallel ? null : breakEven !== null,
      evidence:
        sweep.length === 0
          ? 'not measured'
          : !parallel
            ? 'this machine has one core and no worker joined'
            : breakEven !== null
              ? `from ${ms(breakEven)} per task, distributed ran faster than one loop`
              : `no size up to ${ms(sweep[sweep.length - 1]!.taskMs)} per task paid off`,
    },
    one && most && most !== one
      ? {
          text: 'adding local workers up to the cores raises throughput by a fifth or more',
          model: 'distributed',
          holds: parallel ? most.throughput >= 1.2 * one.throughput : null,
          evidence: `${formatRate(one.throughput)} with 1 local worker, ${formatRate(most.throughput)} with ${most.localWorkers}${most.joinedWorkers > 0 ? ` (+${most.joinedWorkers} joined)` : ''} (${formatSpeedupApprox(most.throughput / Math.max(one.throughput, 1e-9))})${parallel ? '' : '; this machine has one core'}`,
        }
      : {
          text: 'adding local workers raises throughput',
          model: 'distributed',
          holds: null,
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
