/** The engine side of every scenario, by id. */
import type { ScenarioId } from '../../../shared/scenarios';
import { primesScenario } from './cpu-primes';
import { sumSquaresScenario } from './cpu-sum-squares';
import { wordCountScenario } from './cpu-wordcount';
import { httpRequestsScenario } from './http-requests';
import { imageBatchScenario } from './image-batch';
import { ioSleepScenario } from './io-sleep';
import { matrixInverseScenario } from './matrix-inverse';
import type { ScenarioRunner } from './scenario';

/** Every scenario's runner; a missing id fails to compile. */
export const SCENARIO_RUNNERS: Readonly<Record<ScenarioId, ScenarioRunner>> = {
  'io-sleep': ioSleepScenario,
  'cpu-wordcount': wordCountScenario,
  'http-requests': httpRequestsScenario,
  'cpu-sum-squares': sumSquaresScenario,
  'cpu-primes': primesScenario,
  'image-batch': imageBatchScenario,
  'matrix-inverse': matrixInverseScenario,
};
