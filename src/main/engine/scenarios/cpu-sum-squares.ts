/** cpu-sum-squares: the sum of i*i over [0, N) in chunks, checked against the closed form. */
import { SUM_SQUARES_LIMIT, sumSquaresClosedForm } from '../../../workers/workloads/sum-squares';
import { unitsPerMs } from './calibrate';
import { formatCount } from '../../../shared/format';
import { GeneratedTasks } from './generated-tasks';
import { field, type ScenarioRunner } from './scenario';

/** The engine side of cpu-sum-squares. */
export const sumSquaresScenario: ScenarioRunner = {
  id: 'cpu-sum-squares',
  async prepare(params, ctx) {
    const tasks = params.tasks!;
    ctx.report('calibrating chunk size');
    const perMs = await unitsPerMs(
      ctx,
      (units) => ({ workload: 'sum-squares', input: { start: 2 ** 30, end: 2 ** 30 + units } }),
      100_000,
    );
    // Exactness of the workload holds below 2^40, which bounds the chunk size for huge task counts.
    const perTask = Math.max(
      1,
      Math.min(Math.round(perMs * params.taskMs!), Math.floor(SUM_SQUARES_LIMIT / tasks)),
    );
    const end = perTask * tasks;
    const expected = (task: number): string =>
      sumSquaresClosedForm(task * perTask, (task + 1) * perTask).toString();
    return {
      tasks: new GeneratedTasks(tasks, (i) => ({
        workload: 'sum-squares',
        input: { start: i * perTask, end: (i + 1) * perTask },
      })),
      derived: { rangePerTask: perTask, rangeEnd: end },
      check(task, output) {
        const sum = field(output, 'sum');
        const want = expected(task);
        if (sum !== want)
          return { ok: false, problem: `chunk ${task}: got ${String(sum)}, closed form says ${want}` };
        return { ok: true, digest: want, tally: BigInt(want) };
      },
      answer: (tally, completed) =>
        completed === tasks
          ? `sum of i² for i < ${formatCount(end)} = ${formatCount(tally)}`
          : `${formatCount(completed)} of ${formatCount(tasks)} chunks summed`,
      async dispose() {},
    };
  },
};
