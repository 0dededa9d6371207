/**
 * A run's forecast, before its first model starts: each model whose engine can say how long it will
 * take (the Python models, measured on a sample of the tasks) is asked once. A forecast that fails
 * is left out — it is a courtesy, never a reason not to run — but cancelling stops it.
 */
import { forecastMessage, type ModelForecast, type RunForecast } from '../../../shared/forecast';
import type { ModelId } from '../../../shared/models';
import { isCancellation } from '../errors';
import { modelAvailability } from '../models/availability';
import type { ForecastInput } from '../models/model-engine';
import { MODEL_ENGINES } from '../models/registry';

/** The forecast of the models that have one and can run here; null when none has anything to say. */
export async function forecastRun(
  models: readonly ModelId[],
  input: ForecastInput,
  log: (line: string) => void = (line) => console.warn(line),
): Promise<RunForecast | null> {
  const byBasis = new Map<string, ModelForecast[]>();
  for (const model of models) {
    const forecast = MODEL_ENGINES[model].forecast;
    if (!forecast || input.signal.aborted) continue;
    if (!(await modelAvailability(model, input.env)).available) continue;
    try {
      const expected = await forecast(input);
      if (!expected) continue;
      byBasis.set(expected.basis, [
        ...(byBasis.get(expected.basis) ?? []),
        { model, expectedMs: expected.expectedMs },
      ]);
    } catch (error) {
      if (isCancellation(error) || input.signal.aborted) throw error;
      log(`no forecast for ${model}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (byBasis.size === 0) return null;
  return {
    models: [...byBasis.values()].flat(),
    message: [...byBasis].map(([basis, forecasts]) => forecastMessage(basis, forecasts)).join('; '),
  };
}
