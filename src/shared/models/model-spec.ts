/**
 * What a model registry entry says: who the model is (id, label, Python analogue), how it looks
 * (a colour per theme), where it runs and which pool knobs it reads, and how the Notes column, the
 * verdict and the race claims word its results. Plain data and pure functions: every process reads it.
 */
import type { Tolerance } from '../claim-tolerance';
import type { PoolKnobKey } from '../knobs';
import type { ResolvedPool } from '../pool';
import type { PythonRunStats } from '../python-run';
import type { ScenarioInfo, ScenarioKind } from '../scenarios';
import type { TaskTimelineColumns } from '../task-timeline';

/** The palettes a model colour is chosen for: the OS's light and dark, and presenter mode's stronger pair. */
export const THEMES = ['light', 'dark', 'presenterLight', 'presenterDark'] as const;

/** One of the four palettes. */
export type Theme = (typeof THEMES)[number];

/** A model's colour in every palette, as #rrggbb: distinct from the other models and from "failed" red. */
export type ModelColors = { readonly [T in Theme]: string };

/** The runtime a group of models runs on, as the model picker groups them. */
export interface ModelFamily {
  readonly id: string;
  readonly label: string;
}

/** The models that run in this process's own runtime: Node's threads, processes and event loop. */
export const NODE_FAMILY: ModelFamily = { id: 'node', label: 'Node.js' };

/**
 * Whether a model can run on this machine, as its engine probe found out: the runtime that will run
 * it ("CPython 3.11.7, GIL", shown as its group's label), or why not ("no python3 on PATH").
 */
export type ModelAvailability =
  | { readonly available: true; readonly runtime?: string }
  | { readonly available: false; readonly reason: string };

/** What the Notes column reads of a model's result, beyond what every model gets (state, failures, placement). */
export interface NotesInput {
  readonly wallMs: number;
  /** What the executor itself measured and said (redeliveries, clocks), for the models whose notes show it. */
  readonly remarks?: readonly string[];
  readonly gil?: { readonly holdMs: number; readonly waitMs: number; readonly switches: number };
  /** What a real CPython measured (GIL costs, clock alignment); Python models only. */
  readonly python?: PythonRunStats;
  /** When each settled task started and ended. */
  readonly timeline: Pick<TaskTimelineColumns, 'startedAt' | 'endedAt'>;
}

/** How a model's Notes read. */
export interface ModelNotes {
  /** Whether its start-up time is worth a note: pools start workers; the calling thread starts nothing. */
  readonly startup: boolean;
  /** Remarks only this model's measurements support, e.g. how long its GIL was held. */
  readonly extra?: (result: NotesInput) => readonly string[];
  /** Said when the model's baseline is not in the run, so it has no speedup: "add py-sequential for a Python speedup". */
  readonly withoutBaseline?: string;
}

/** What the verdict knows of the winner when it says why it won. */
export interface VerdictContext {
  /** Tasks the winner could run at once; null when unlimited. */
  readonly workers: number | null;
  readonly total: number;
  readonly cores: number;
}

/**
 * How the verdict words a model: a baseline (the plain loop every speedup is measured against) says
 * what it means when nothing beat it; a contender says why it won, and what it shows when it falls short.
 */
export type ModelVerdict =
  | {
      readonly kind: 'baseline';
      /** The sentence when no model beat this baseline. */
      readonly unbeaten: string;
    }
  | {
      readonly kind: 'contender';
      /** Why this model won a race of each kind, after "ran 4.0× faster than sequential: ". */
      readonly why: { readonly [K in ScenarioKind]: (winner: VerdictContext) => string };
      /**
       * Said when the model stayed near 1× on CPU-bound work without winning, after its id: "reached
       * only 1.0×: under the GIL one thread computes at a time". The verdict adds at most one such
       * remark, from the lowest rank.
       */
      readonly shortfall?: { readonly rank: number; readonly remark: (speedup: string) => string };
    };

/** What a race claim reads of the run besides the model's own speedup. */
export interface ClaimContext {
  readonly tasks: number;
  readonly cores: number;
  readonly pool: ResolvedPool;
  /** The scenario raced: its kind, and whether its CPU-bound tasks also wait (`waitsToo`). */
  readonly scenario: Pick<ScenarioInfo, 'id' | 'kind' | 'waitsToo'>;
  /** Another model's speedup when it ran cleanly in the same run; undefined otherwise. */
  readonly speedupOf: (model: string) => number | undefined;
}

/**
 * One thing a race should show about a model, checked on its speedup over its baseline: the words,
 * the speedup they speak of, and the band around it that the words allow (claim-tolerance.ts).
 */
export interface RaceClaimSpec {
  readonly text: string;
  /** The speedup the words speak of: N× for "overlaps N waits", 1× for "no speedup". */
  readonly expected: number;
  /** The band around `expected` the words allow; stated here, once, and shown with the evidence. */
  readonly tolerance: Tolerance;
  /** Undecided on a one-core machine, where nothing can run in parallel. */
  readonly multiCore?: boolean;
  /** When a measurement falls outside the band: its likely cause, in words. */
  readonly cause: string;
}

/** A model's race claims by scenario kind; a kind with none says nothing about the model. */
export type ModelClaims = { readonly [K in ScenarioKind]?: (context: ClaimContext) => RaceClaimSpec };

/** One registry entry: everything the lab says about a model, except how the engine runs it. */
export interface ModelSpec<Id extends string = string, Baseline extends string = string> {
  /** Fixed: the UI, the CLI, saved runs, the tests and the docs use it. */
  readonly id: Id;
  readonly label: string;
  /** Its Python analogue, for people who know the Python story: "ThreadPoolExecutor". */
  readonly python: string;
  readonly summary: string;
  readonly family: ModelFamily;
  /** Where its tasks run, in words. */
  readonly runsOn: string;
  /** The pool settings its executor reads. */
  readonly poolKnobs: readonly PoolKnobKey[];
  /**
   * Whether a new race ticks it (the CLI's default --models, the picker's first state); absent means
   * yes. A model that needs something set up or that costs a lot to start is opt-in.
   */
  readonly defaultSelected?: boolean;
  /**
   * The model its speedup is measured against, run in the same race: `sequential` for the Node
   * models, `py-sequential` for CPython ones, so a speedup never mixes runtimes. A baseline names itself.
   */
  readonly baseline: Baseline;
  readonly colors: ModelColors;
  /** Whether its lanes carry a GIL holder track (the lanes legend explains it). */
  readonly gilTrack: boolean;
  /**
   * Whether its tasks interleave on one thread (an event loop): its lanes are slots, not threads,
   * so a trace shows each task on a track of its own.
   */
  readonly interleaved: boolean;
  readonly notes: ModelNotes;
  readonly verdict: ModelVerdict;
  readonly claims: ModelClaims;
}

/** Declares an entry, keeping its id and baseline as literal types so the registry can check them. */
export function defineModel<const Id extends string, const Baseline extends string>(
  spec: ModelSpec<Id, Baseline>,
): ModelSpec<Id, Baseline> {
  return spec;
}
