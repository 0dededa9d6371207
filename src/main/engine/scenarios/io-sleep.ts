/** io-sleep: N simulated I/O waits of task-ms each (the "10 files" lesson's I/O variant). */
import { formatCount } from '../../../shared/format';
import { GeneratedTasks } from './generated-tasks';
import { field, type ScenarioRunner } from './scenario';

/** The engine side of io-sleep. */
export const ioSleepScenario: ScenarioRunner = {
  id: 'io-sleep',
  async prepare(params) {
    const tasks = params.tasks!;
    const ms = params.taskMs!;
    return {
      tasks: new GeneratedTasks(tasks, (token) => ({ workload: 'sleep', input: { ms, token } })),
      derived: {},
      check(task, output) {
        if (field(output, 'token') !== task || field(output, 'ms') !== ms) {
          return { ok: false, problem: `task ${task} returned ${JSON.stringify(output)}, not its own token` };
        }
        return { ok: true, digest: `${task}:${ms}`, tally: 1n };
      },
      answer: (_tally, completed) => `${formatCount(completed)} waits of ${formatCount(ms)} ms`,
      async dispose() {},
    };
  },
};
