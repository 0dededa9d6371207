/** The shape of an engine lesson's spec: what every lesson module in this folder exports. */
import type { z } from 'zod';
import type { ExportFormat } from '../export-formats';
import type { KnobSpec } from '../knobs';
import type { Claim } from '../claims';
import type { EngineLessonId } from './lesson-ids';

/** One knob a run's settings line names, as the CLI spells it: `['workers', 4]`. */
export type SettingPair = readonly [key: string, value: string | number];

/**
 * A lesson the engine runs on a channel of its own: its name, its knobs and request, and how one of
 * its runs reads — the settings that tell runs apart, a headline, the claims checked against the
 * numbers, and the formats it exports to. Its engine part (main/engine/lessons/<id>/) runs it and
 * writes its export sections; its renderer part (renderer/src/features/lessons/<id>/) shows it.
 */
export interface LessonSpec<Id extends EngineLessonId, Request, Result, Progress = never> {
  readonly id: Id;
  /** As the lesson's heading, the lessons list, the history and the exports name it. */
  readonly title: string;
  /** A few words under the title in the lessons list. */
  readonly summary: string;
  /** Its knobs, with their ranges, wording and the engine's defaults. */
  readonly knobs: Readonly<Record<string, KnobSpec>>;
  /** The request's schema: its channel validates every request with it. */
  readonly request: z.ZodType<Request>;
  /** The formats a run exports to; a trace only when the lesson has a timeline. */
  readonly exportFormats: readonly ExportFormat[];
  /** The knobs a run used, as key and value: what tells its runs apart. */
  settings(request: Request, result: Result): readonly SettingPair[];
  /** One line on what a run measured, for the history list and the Markdown export. */
  headline(result: Result): string;
  /** "What to notice", checked against a run's numbers. */
  claims(result: Result): Claim[];
  /** Type only, never set: what the lesson streams while it runs (`never` when it streams nothing). */
  readonly progress?: Progress;
}
