/** The shape of an engine lesson's renderer part for the store: its form, and how its live progress shows. */
import type { DataPassingRow } from '../../../../shared/lessons/data-passing';
import type { EngineLessonId } from '../../../../shared/lessons/lesson-ids';
import type { OutgrowingRow } from '../../../../shared/lessons/outgrowing-one-machine';
import type { PipelineCarrier, PipelinePoint } from '../../../../shared/lessons/pipeline';
import type { ProgressOf, RequestOf, ResultOf } from '../../../../shared/lessons/registry';
import type { LessonField } from './lesson-field';

/** What the streaming lessons have measured so far, as their live charts draw it. */
export interface LessonLiveState {
  /** Rows measured so far by the data-passing lesson. */
  readonly rows: readonly DataPassingRow[];
  /** Points of the pipeline lesson so far. */
  readonly points: readonly PipelinePoint[];
  /** Measurements of "Outgrowing one machine" so far. */
  readonly outgrowing: readonly OutgrowingRow[];
}

/** The choices a lesson form makes besides its knobs. */
export interface LessonChoices {
  /** Where the pipeline's consumers run. */
  readonly carrier: PipelineCarrier;
}

/** How a streaming lesson's progress folds into its live state. */
export interface LessonLive<L extends EngineLessonId> {
  /** The live state as the lesson starts: nothing measured yet. */
  readonly cleared: Partial<LessonLiveState>;
  /** The live state with one more update. */
  fold(live: LessonLiveState, progress: ProgressOf<L>): Partial<LessonLiveState>;
  /** The live state of a finished or re-opened run: everything it measured. */
  fromResult(result: ResultOf<L>): Partial<LessonLiveState>;
}

/**
 * An engine lesson's form and live state, as the lessons slice uses them. A lesson that streams
 * progress (its spec names a progress type) must say how it shows live; one that streams nothing
 * has no live part.
 */
export type EngineLessonForm<L extends EngineLessonId> = {
  /** Its knobs, with the workshop's defaults. */
  readonly fields: readonly LessonField[];
  /** The request from the knobs' values (undefined: left empty, where the engine has a meaning for it). */
  request(value: (key: string) => number | undefined, choices: LessonChoices): RequestOf<L>;
} & ([ProgressOf<L>] extends [never]
  ? { readonly live?: undefined }
  : {
      /** How its progress shows while it runs. */
      readonly live: LessonLive<L>;
    });
