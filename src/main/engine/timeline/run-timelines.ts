/**
 * Where the timeline's questions find a run's tasks: the live run's recorders (read as they record),
 * the last few finished runs of this session (their recorders, outputs and GIL turns included), and
 * any older run from the history (its stored timeline, decoded once and kept while it is asked about).
 * Finished recorders are dropped after a few runs: a 100,000-task run holds megabytes per model.
 */
import type { ModelId } from '../../../shared/models';
import type { RunResult } from '../../../shared/results';
import { columnsFromTimeline, type TaskColumns } from '../recording/task-columns';

/** One model's tasks and its "now" (ms since its start, frozen at its end). */
export interface ModelTimeline {
  readonly columns: TaskColumns;
  nowMs(): number;
}

type RunModels = Map<ModelId, ModelTimeline>;

/** Finished runs whose recorders are kept in memory. */
const KEPT_RUNS = 2;

/** The timelines of the live run, the last finished runs, and the one last read from the history. */
export class RunTimelines {
  private live: { readonly runId: string; readonly models: RunModels } | null = null;
  private readonly recent: { readonly runId: string; readonly models: RunModels }[] = [];
  private stored: { readonly runId: string; readonly models: Promise<RunModels | undefined> } | null = null;

  constructor(private readonly load: (runId: string) => Promise<RunResult | undefined>) {}

  /** A model of the live run started recording. */
  recording(runId: string, model: ModelId, timeline: ModelTimeline): void {
    if (this.live?.runId !== runId) this.live = { runId, models: new Map() };
    this.live.models.set(model, timeline);
  }

  /** The live run ended: its recorders stay among the last few runs. */
  ended(runId: string): void {
    if (this.live?.runId !== runId) return;
    this.recent.unshift(this.live);
    this.live = null;
    this.recent.splice(KEPT_RUNS);
  }

  /** Forgets runs that were deleted from the history. */
  forget(runIds: readonly string[]): void {
    const gone = new Set(runIds);
    for (let i = this.recent.length - 1; i >= 0; i--)
      if (gone.has(this.recent[i]!.runId)) this.recent.splice(i, 1);
    if (this.stored && gone.has(this.stored.runId)) this.stored = null;
  }

  /** A model's timeline in a run, or undefined when the run or the model is unknown. */
  async model(runId: string, model: ModelId): Promise<ModelTimeline | undefined> {
    if (this.live?.runId === runId) return this.live.models.get(model);
    const recent = this.recent.find((run) => run.runId === runId);
    if (recent) return recent.models.get(model);
    if (this.stored?.runId !== runId) this.stored = { runId, models: this.fromHistory(runId) };
    return (await this.stored.models)?.get(model);
  }

  private async fromHistory(runId: string): Promise<RunModels | undefined> {
    const result = await this.load(runId);
    if (!result) return undefined;
    return new Map(
      result.results.map((r) => {
        const columns = columnsFromTimeline(r.model, r.total, r.timeline, r.lanes);
        return [r.model, { columns, nowMs: () => r.wallMs }] as const;
      }),
    );
  }
}
