/** cpu-primes: count primes in N equal ranges above one billion by trial division; checked by a sieve. */
import { unitsPerMs } from './calibrate';
import { countPrimesInRangesYielding } from './prime-sieve';
import { formatCount } from '../../../shared/format';
import { GeneratedTasks } from './generated-tasks';
import { field, type ScenarioRunner } from './scenario';

/** Where the ranges start: high enough that every number costs real trial division. */
export const PRIMES_FROM = 1_000_000_000;

/** The engine side of cpu-primes. */
export const primesScenario: ScenarioRunner = {
  id: 'cpu-primes',
  async prepare(params, ctx) {
    const tasks = params.tasks!;
    ctx.report('calibrating range size');
    const perMs = await unitsPerMs(
      ctx,
      (units) => ({ workload: 'count-primes', input: { start: PRIMES_FROM, end: PRIMES_FROM + units } }),
      1000,
    );
    const perTask = Math.max(16, Math.round(perMs * params.taskMs!));
    const boundaries = Array.from({ length: tasks + 1 }, (_, i) => PRIMES_FROM + i * perTask);
    ctx.report('sieving the expected counts');
    const expected = await countPrimesInRangesYielding(boundaries);
    return {
      tasks: new GeneratedTasks(tasks, (i) => ({
        workload: 'count-primes',
        input: { start: boundaries[i]!, end: boundaries[i + 1]! },
      })),
      derived: { rangePerTask: perTask, firstNumber: PRIMES_FROM, lastNumber: boundaries.at(-1)! - 1 },
      check(task, output) {
        const count = field(output, 'count');
        if (count !== expected[task]) {
          return {
            ok: false,
            problem: `range ${task}: counted ${String(count)} primes, the sieve finds ${expected[task]}`,
          };
        }
        return { ok: true, digest: String(count), tally: BigInt(expected[task]!) };
      },
      answer: (tally, completed) =>
        `${formatCount(tally)} primes in ${formatCount(completed)} range${completed === 1 ? '' : 's'} of ${formatCount(perTask)} numbers from ${formatCount(PRIMES_FROM)}`,
      async dispose() {},
    };
  },
};
