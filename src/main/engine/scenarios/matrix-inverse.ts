/** matrix-inverse: invert K random n x n matrices; each inverse checked by A * (inverse * x) = x. */
import { inverseResidual } from '../../../workers/workloads/matrix-inverse';
import { formatCount } from '../../../shared/format';
import { field, type ScenarioRunner } from './scenario';

/** Largest deviation accepted from A * A^-1 * x = x. */
export const RESIDUAL_TOLERANCE = 1e-8;

/** The engine side of matrix-inverse. */
export const matrixInverseScenario: ScenarioRunner = {
  id: 'matrix-inverse',
  async prepare(params) {
    const n = params.matrixSize!;
    const seeds = Array.from({ length: params.tasks! }, (_, i) => 7000 + i);
    return {
      tasks: seeds.map((seed) => ({ workload: 'invert-matrix', input: { seed, n } })),
      derived: {},
      check(task, output) {
        const inverse = field(output, 'inverse');
        const digest = field(output, 'digest');
        if (!(inverse instanceof Float64Array) || inverse.length !== n * n || typeof digest !== 'string') {
          return { ok: false, problem: `matrix ${task}: malformed inverse` };
        }
        const residual = inverseResidual(seeds[task]!, n, inverse);
        if (!(residual <= RESIDUAL_TOLERANCE)) {
          return {
            ok: false,
            problem: `matrix ${task}: A·A⁻¹x differs from x by ${residual.toExponential(2)}`,
          };
        }
        return { ok: true, digest, tally: 1n };
      },
      answer: (_tally, completed) =>
        `${formatCount(completed)} inverses of ${n}×${n} matrices, each checked (A·A⁻¹x = x within ${RESIDUAL_TOLERANCE})`,
      async dispose() {},
    };
  },
};
