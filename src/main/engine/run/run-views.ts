/** What the UI gets of a finished run: the summary without per-task timelines, final snapshots, the verdict. */
import {
  SUMMARY_LANES,
  type LessonListItem,
  type ModelSummary,
  type RunListItem,
  type RunSummary,
  type RunView,
} from '../../../shared/views';
import {
  lessonHeadline,
  lessonSettings,
  lessonTitle,
  type LessonRun,
} from '../../../shared/lessons/registry';
import type { ModelResult, ModelSnapshot, RunResult } from '../../../shared/results';
import { describeParams, scenarioInfo } from '../../../shared/scenarios';
import { withBusyNotice } from '../../../shared/machine-load';
import { verdict } from '../../../shared/verdict';

/** A model's result without its timeline and with its first lanes only (either can hold 100,000 entries). */
export function summariseModel({ timeline: _timeline, lanes, ...summary }: ModelResult): ModelSummary {
  return { ...summary, lanes: lanes.slice(0, SUMMARY_LANES), laneCount: lanes.length };
}

/** The verdict of a run: its sentence, after the busy-machine notice when the machine was busy. */
export function runVerdict(run: RunResult): string {
  // What went wrong around the models explains what failed: it is part of the verdict.
  return withBusyNotice([verdictSentence(run), ...(run.incidents ?? [])].join(' '), run.load);
}

/** The verdict's sentence alone, from the numbers: who won and why (see shared/verdict.ts). */
export function verdictSentence(run: RunResult): string {
  return verdict(run.results, scenarioInfo(run.scenario).kind, run.machine.cores);
}

/** The view of a finished run. */
export function runView(run: RunResult, snapshots: readonly ModelSnapshot[]): RunView {
  const summary: RunSummary = { ...run, results: run.results.map(summariseModel) };
  return { run: summary, snapshots, verdict: runVerdict(run) };
}

/** The run's line in the session's list. */
export function runListItem(view: RunView): RunListItem {
  const { run } = view;
  return {
    kind: 'race',
    runId: run.runId,
    scenario: run.scenario,
    origin: run.origin ?? 'race',
    title: run.title,
    settings: describeParams(run.scenario, run.params),
    startedAt: run.startedAt,
    state: run.state,
    models: run.results.map((r) => r.model),
    verdict: view.verdict,
  };
}

/** A lesson run's line in the list. */
export function lessonListItem(run: LessonRun): LessonListItem {
  return {
    kind: 'lesson',
    runId: run.runId,
    lesson: run.lesson,
    title: lessonTitle(run.lesson),
    settings: lessonSettings(run),
    startedAt: run.startedAt,
    verdict: lessonHeadline(run),
  };
}
