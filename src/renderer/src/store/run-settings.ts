/**
 * A run's settings as the form of the view that asked for it types them: the Race view's scenario,
 * knobs, models and pools; a run lesson's fields; the GIL lesson's switch interval. They are read from
 * a stored run or from a run's request (a run under way). Loading a stored run's puts them in that form
 * and brings the view on screen, so "Run again" runs exactly what the form then shows — a view's form
 * never says other knobs than the run it starts; a follower's form takes those of the run it follows.
 */
import { formatKnobNumber, type PoolKnobKey } from '../../../shared/knobs';
import { MODELS, type ModelId } from '../../../shared/models';
import { POOL_KNOB_KEYS } from '../../../shared/pool';
import { runOriginTitle } from '../../../shared/run-origin';
import { scenarioInfo, type ScenarioId } from '../../../shared/scenarios';
import type { RunRequest } from '../../../shared/run-request';
import type { RunSummary } from '../../../shared/views';
import type { ComparisonKind } from './gil-lesson-slice';
import type { LabState } from './lab-store';
import { selectLessonRunningBlocker } from './lessons-slice';
import { RUN_FORMS, type RunFormId } from './lessons-slice-forms';
import { selectRunActive } from './run-slice';
import { showSlot, slotOf } from './run-slots';

/** A run's settings, by the form they go to. */
export type RunSettings =
  | {
      readonly kind: 'race';
      readonly scenario: ScenarioId;
      readonly knobText: Readonly<Record<string, string>>;
      readonly models: readonly ModelId[];
      /** Only the pools its models read; the others stay at their defaults. */
      readonly poolText: Readonly<Partial<Record<PoolKnobKey, string>>>;
    }
  | { readonly kind: 'run-form'; readonly form: RunFormId; readonly text: Readonly<Record<string, string>> }
  | { readonly kind: 'gil'; readonly comparison: ComparisonKind; readonly switchIntervalText: string };

function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : formatKnobNumber(value);
}

/** What a form's settings are read from: a stored run, or a run's request (a live run). */
interface SettingsSource {
  readonly origin?: RunSummary['origin'];
  readonly scenario: ScenarioId;
  readonly params: Readonly<Record<string, number>>;
  /** A missing or null setting shows as empty, the form's "default". */
  readonly pool: Readonly<Partial<Record<PoolKnobKey, number | null>>>;
  readonly models: readonly ModelId[];
}

function settingsOf(run: SettingsSource): RunSettings {
  const origin = run.origin ?? 'race';
  if (origin === 'gil-cpu' || origin === 'gil-io')
    return {
      kind: 'gil',
      comparison: origin === 'gil-cpu' ? 'cpu' : 'io',
      switchIntervalText: numberText(run.pool.switchIntervalMs),
    };
  if (origin !== 'race') {
    const pool = run.pool as Readonly<Record<string, number | null | undefined>>;
    const text = Object.fromEntries(
      RUN_FORMS[origin].fields.map((field) => {
        const [target, key] = field.id.split('.') as [string, string];
        return [field.id, numberText(target === 'params' ? run.params[key] : pool[key])];
      }),
    );
    return { kind: 'run-form', form: origin, text };
  }
  const read = new Set(run.models.flatMap((model) => MODELS[model].poolKnobs));
  return {
    kind: 'race',
    scenario: run.scenario,
    knobText: Object.fromEntries(
      scenarioInfo(run.scenario).knobs.map((knob) => [
        knob.key,
        numberText(run.params[knob.key] ?? knob.default),
      ]),
    ),
    models: run.models,
    poolText: Object.fromEntries(
      POOL_KNOB_KEYS.filter((key) => read.has(key)).map((key) => [key, numberText(run.pool[key])]),
    ),
  };
}

/** What a stored run's view's form needs to run it again. */
export function runSettings(run: RunSummary): RunSettings {
  return settingsOf({ ...run, models: run.results.map((result) => result.model) });
}

/** What a run's request puts in its view's form: the settings of a run still under way. */
export function requestSettings(request: RunRequest): RunSettings {
  return settingsOf(request);
}

/** Where a run's settings go, in words: "the Race view", "10 files, CPU variant". */
export function settingsPlace(run: RunSummary): string {
  const origin = run.origin ?? 'race';
  return origin === 'race' ? 'the Race view' : runOriginTitle(origin);
}

/** Puts a run's settings in its view's form, leaving the view on screen as it is. */
export function settingsLoaded(s: LabState, settings: RunSettings): void {
  switch (settings.kind) {
    case 'race':
      s.setupLoaded(settings);
      break;
    case 'run-form':
      for (const [field, text] of Object.entries(settings.text))
        s.lessonKnobEdited(settings.form, field, text);
      break;
    case 'gil':
      s.switchIntervalEdited(settings.switchIntervalText);
      break;
  }
}

/** Puts a stored run's settings in its view's form and brings that view (and lesson) on screen. */
export function runSettingsLoaded(s: LabState, run: RunSummary): RunSettings {
  const settings = runSettings(run);
  settingsLoaded(s, settings);
  showSlot(s, slotOf(run.origin));
  return settings;
}

/** Why a stored run cannot be run again now, or null when it can (its form may still refuse it, saying why). */
export function selectRunAgainBlocker(s: LabState): string | null {
  if (s.room.you?.role === 'attendee') return 'Only the instructor runs in this room.';
  if (s.catalog.status !== 'loaded') return 'Waiting for the scenario catalogue.';
  const lesson = selectLessonRunningBlocker(s);
  if (lesson) return lesson;
  if (selectRunActive(s)) return 'A run is in progress.';
  if (s.responsiveness.active) return 'A responsiveness job is running.';
  if (s.connection.state !== 'open') return 'Not connected to the engine.';
  return null;
}
