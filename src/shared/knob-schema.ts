/** A knob as a zod schema: a number in the knob's range, refused in the knob's own words. */
import { z } from 'zod';
import { describeRange, knobProblem, type KnobSpec } from './knobs';

/** A number field checked against a knob, with the knob's own wording of its range. */
export function knobSchema(spec: KnobSpec): z.ZodType<number> {
  return z
    .number({ error: `must be ${describeRange(spec)}` })
    .refine((value) => knobProblem(spec, value) === null, {
      error: `must be ${describeRange(spec)}`,
    });
}
