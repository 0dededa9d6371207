/** Whether each model can run on this machine, asked of its probe once per process, and the catalog's model list. */
import { errorMessage } from '../../../shared/format';
import {
  MODEL_IDS,
  MODELS,
  modelInfo,
  type CatalogModel,
  type ModelAvailability,
  type ModelId,
} from '../../../shared/models';
import { MODEL_ENGINES } from './registry';

const AVAILABLE: ModelAvailability = { available: true };
const probed = new Map<ModelId, Promise<ModelAvailability>>();

/** Whether a model can run here; its probe runs once per process, and a probe that throws means "no". */
export function modelAvailability(model: ModelId): Promise<ModelAvailability> {
  let answer = probed.get(model);
  if (!answer) {
    const probe = MODEL_ENGINES[model].probe;
    answer = probe
      ? probe().catch((error: unknown) => ({ available: false as const, reason: errorMessage(error) }))
      : Promise.resolve(AVAILABLE);
    probed.set(model, answer);
  }
  return answer;
}

/** Every model with its availability, in registry order. */
export async function catalogModels(): Promise<CatalogModel[]> {
  return Promise.all(
    MODEL_IDS.map(async (id) => ({ ...modelInfo(MODELS[id]), availability: await modelAvailability(id) })),
  );
}
