/** The small square in a model's colour shown beside its name, and the style that gives anything that colour. */
import type { CSSProperties, ReactNode } from 'react';
import type { ModelId } from '../../../shared/models';
import { modelColorProperty } from '../../../shared/model-colors';

/** Sets `--model-color` to the model's colour: the one `.swatch` rule and the race's progress bars read it. */
export function modelColorStyle(model: ModelId): CSSProperties {
  const style: CSSProperties & { readonly '--model-color': string } = {
    '--model-color': `var(${modelColorProperty(model)})`,
  };
  return style;
}

/** A decorative colour square; the model's name always accompanies it. */
export function ModelSwatch({ model }: { readonly model: ModelId }): ReactNode {
  return <span className="swatch" style={modelColorStyle(model)} aria-hidden="true" />;
}
