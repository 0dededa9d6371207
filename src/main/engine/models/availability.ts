/** Whether each model can run on this machine, asked of its probe once per setup, and the catalog's model list. */
import { errorMessage } from '../../../shared/format';
import {
  MODEL_IDS,
  MODELS,
  modelInfo,
  type CatalogModel,
  type ModelAvailability,
  type ModelId,
} from '../../../shared/models';
import type { ProbeContext } from './executor-environment';
import { MODEL_ENGINES } from './registry';

const AVAILABLE: ModelAvailability = { available: true };
const probed = new Map<string, Promise<ModelAvailability>>();

/** What the answer depends on: the model, the interpreter named, where the build is, and the broker setting. */
function cacheKey(model: ModelId, context: ProbeContext): string {
  return JSON.stringify([
    model,
    context.python ?? null,
    context.hostScripts.pythonHarness,
    context.distributed?.server?.url ?? null,
    context.distributed?.natsServer ?? null,
  ]);
}

/**
 * Whether a model can run here; its probe runs once per setup (interpreter, build, broker), and a
 * probe that throws means "no".
 */
export function modelAvailability(model: ModelId, context: ProbeContext): Promise<ModelAvailability> {
  const key = cacheKey(model, context);
  let answer = probed.get(key);
  if (!answer) {
    const probe = MODEL_ENGINES[model].probe;
    answer = probe
      ? probe(context).catch((error: unknown) => ({ available: false as const, reason: errorMessage(error) }))
      : Promise.resolve(AVAILABLE);
    probed.set(key, answer);
  }
  return answer;
}

/** Every model with its availability, in registry order. */
export async function catalogModels(context: ProbeContext): Promise<CatalogModel[]> {
  return Promise.all(
    MODEL_IDS.map(async (id) => ({
      ...modelInfo(MODELS[id]),
      availability: await modelAvailability(id, context),
    })),
  );
}
