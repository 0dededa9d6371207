/** One knob of a lesson's form: the knob, the workshop's default text, and the words around it. */
import type { KnobSpec } from '../../../../shared/knobs';

/** One knob of a form: its field id (a request path for run forms), its spec and the lesson's default text. */
export interface LessonField {
  /** `params.tasks` / `pool.concurrency` in run forms (the validator's field ids), the knob key otherwise. */
  readonly id: string;
  readonly knob: KnobSpec;
  /** What the field starts with; empty means the engine's default (knobs whose default is null). */
  readonly initial: string;
  /** Words after the range: the classic value, what empty means. */
  readonly note?: string;
  /** What an empty field shows, when the lesson means something else by empty than the engine. */
  readonly placeholder?: string;
}

/** The note of a field: the lesson's own, else what empty means for a knob without a default. */
export function withNote(knob: KnobSpec, note: string | undefined): { note?: string } {
  const text = note ?? (knob.default === null && knob.unsetMeans ? `empty: ${knob.unsetMeans}` : undefined);
  return text === undefined ? {} : { note: text };
}

/** A field for a knob, keyed by the knob's own key, starting at the workshop's default. */
export function knobField(knob: KnobSpec, initial: string, note?: string): LessonField {
  return { id: knob.key, knob, initial, ...withNote(knob, note) };
}
