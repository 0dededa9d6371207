/** The small square in a model's colour shown beside its name. */
import type { ReactNode } from 'react';
import type { ModelId } from '../../../shared/models';

/** A decorative colour square; the model's name always accompanies it. */
export function ModelSwatch({ model }: { readonly model: ModelId }): ReactNode {
  return <span className={`swatch swatch-${model}`} aria-hidden="true" />;
}
