/**
 * The History view's filter: which runs to list (every run, one scenario's, the runs of one view or
 * lesson) and words to find in them. Pure functions; the History view's slice keeps the filter.
 */
import { isEngineLessonId, type EngineLessonId } from '../../../shared/lessons/lesson-ids';
import { lessonTitle } from '../../../shared/lessons/registry';
import { isRunOrigin, runOriginTitle, type RunOrigin } from '../../../shared/run-origin';
import type { ScenarioId } from '../../../shared/scenarios';
import type { HistoryItem } from '../../../shared/views';

/** Which runs are listed: all, a scenario's races, the runs one view asked for, or one engine lesson's runs. */
export type HistoryScope =
  'all' | `scenario:${ScenarioId}` | `origin:${RunOrigin}` | `lesson:${EngineLessonId}`;

/** What the History view lists. */
export interface HistoryFilter {
  readonly scope: HistoryScope;
  /** Words that must all appear in a run's line (title, settings, models, verdict…), in any case. */
  readonly text: string;
}

/** Every run listed. */
export const NO_FILTER: HistoryFilter = { scope: 'all', text: '' };

/** One choice of the scope menu. */
export interface ScopeOption {
  readonly value: HistoryScope;
  readonly label: string;
  /** The menu's group: races by scenario, or runs by the lesson or view that asked for them. */
  readonly group: 'Scenario' | 'Lesson or view';
}

/** Whether a value is a scope (from the menu, or an address). */
export function isHistoryScope(value: string): value is HistoryScope {
  if (value === 'all') return true;
  const [kind, id = ''] = value.split(':', 2);
  if (kind === 'origin') return isRunOrigin(id);
  if (kind === 'lesson') return isEngineLessonId(id);
  return kind === 'scenario' && id !== '';
}

/** Whether a filter lists every run. */
export function isUnfiltered(filter: HistoryFilter): boolean {
  return filter.scope === 'all' && filter.text.trim() === '';
}

function inScope(item: HistoryItem, scope: HistoryScope): boolean {
  if (scope === 'all') return true;
  switch (item.kind) {
    case 'race':
      return scope === `scenario:${item.scenario}` || scope === `origin:${item.origin}`;
    case 'lesson':
      return scope === `lesson:${item.lesson}`;
    case 'damaged':
      // What a damaged row was cannot be trusted: it is listed only with every run.
      return false;
  }
}

/** The words of a run's line that the text filter searches. */
function searchedText(item: HistoryItem): string {
  switch (item.kind) {
    case 'race':
      return [
        item.scenario,
        item.title,
        item.settings,
        item.models.join(' '),
        item.state,
        item.verdict,
        runOriginTitle(item.origin),
      ].join(' ');
    case 'lesson':
      return [item.lesson, item.title, item.settings, item.verdict, 'lesson'].join(' ');
    case 'damaged':
      return [item.title, item.problem, 'damaged'].join(' ');
  }
}

function matchesText(item: HistoryItem, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = searchedText(item).toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The runs the filter lists, in the list's order. */
export function filterHistory(items: readonly HistoryItem[], filter: HistoryFilter): readonly HistoryItem[] {
  if (isUnfiltered(filter)) return items;
  return items.filter((item) => inScope(item, filter.scope) && matchesText(item, filter.text));
}

/** The scopes worth offering: the scenarios, views and lessons that have runs in the list. */
export function scopeOptions(items: readonly HistoryItem[]): ScopeOption[] {
  const scenarios = new Set<ScenarioId>();
  const origins = new Set<RunOrigin>();
  const lessons = new Set<EngineLessonId>();
  for (const item of items) {
    if (item.kind === 'race') {
      scenarios.add(item.scenario);
      origins.add(item.origin);
    } else if (item.kind === 'lesson') lessons.add(item.lesson);
  }
  return [
    ...[...scenarios].sort().map((scenario): ScopeOption => ({
      value: `scenario:${scenario}`,
      label: scenario,
      group: 'Scenario',
    })),
    ...[...origins].map((origin): ScopeOption => ({
      value: `origin:${origin}`,
      label: origin === 'race' ? 'Race view' : runOriginTitle(origin),
      group: 'Lesson or view',
    })),
    ...[...lessons].map((lesson): ScopeOption => ({
      value: `lesson:${lesson}`,
      label: lessonTitle(lesson),
      group: 'Lesson or view',
    })),
  ];
}
