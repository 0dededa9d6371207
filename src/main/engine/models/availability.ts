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
import type { ProbeContext } from './executor-environment';
import { MODEL_ENGINES } from './registry';

const AVAILABLE: ModelAvailability = { available: true };
const probed = new Map<string, Promise<ModelAvailability>>();

/**
 * Whether a model can run here; its probe runs once per process and broker setting (a server given or
 * not), and a probe that throws means "no".
 */
export function modelAvailability(model: ModelId, context: ProbeContext = {}): Promise<ModelAvailability> {
  const key = `${model}\n${context.distributed?.server?.url ?? ''}\n${context.distributed?.natsServer ?? ''}`;
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
export async function catalogModels(context: ProbeContext = {}): Promise<CatalogModel[]> {
  return Promise.all(
    MODEL_IDS.map(async (id) => ({
      ...modelInfo(MODELS[id]),
      availability: await modelAvailability(id, context),
    })),
  );
}
