/**
 * The lab's finished runs: the persistent store, plus the runs just finished whose save is still
 * under way (compressing a 100,000-task run takes a moment), so they can be opened and exported at once.
 */
import type { HistoryItem, RunView } from '../../../shared/views';
import type { LessonRun } from '../../../shared/lessons/registry';
import type { RunResult } from '../../../shared/results';
import { errorMessage } from '../../../shared/format';
import type { RunStore } from '../history/run-store';
import { lessonListItem, runListItem } from '../run/run-views';

/** Finished runs, persisted. */
export class SessionRuns {
  private readonly pending = new Map<string, { readonly result: RunResult; readonly view: RunView }>();
  private readonly pendingLessons = new Map<string, LessonRun>();
  private readonly saves = new Set<Promise<void>>();

  constructor(
    private readonly store: Promise<RunStore>,
    private readonly onSaved: () => void,
  ) {}

  /** Keeps a finished run; it is listed at once and on disk shortly after. */
  add(result: RunResult, view: RunView): void {
    this.pending.set(result.runId, { result, view });
    this.track(
      result.runId,
      (store) => store.save(result, view),
      () => this.pending.delete(result.runId),
    );
  }

  /** Keeps a finished lesson run, like add. */
  addLesson(run: LessonRun): void {
    this.pendingLessons.set(run.runId, run);
    this.track(
      run.runId,
      (store) => store.saveLesson(run),
      () => this.pendingLessons.delete(run.runId),
    );
  }

  private track(runId: string, save: (store: RunStore) => Promise<void>, saved: () => void): void {
    const saving = this.store
      .then(save)
      .then(saved, (error: unknown) =>
        // Not on disk, but not lost from this session: it stays listed here until the app quits.
        console.warn(`run ${runId} was not saved to the history: ${errorMessage(error)}`),
      )
      .finally(() => {
        this.saves.delete(saving);
        this.onSaved();
      });
    this.saves.add(saving);
  }

  /** Every run, races and lesson runs, newest first. */
  async list(): Promise<HistoryItem[]> {
    const store = await this.readable();
    const saving: HistoryItem[] = [
      ...[...this.pending.values()].map(({ view }) => runListItem(view)),
      ...[...this.pendingLessons.values()].map((run) => lessonListItem(run)),
    ];
    const ids = new Set(saving.map((item) => item.runId));
    const stored = [...store.list(), ...store.listLessons(), ...store.listDamaged()].filter(
      (item) => !ids.has(item.runId),
    );
    // ISO times sort as text; a stable sort keeps the store's order among runs started together.
    return [...saving, ...stored].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /** A lesson run, if it is known. */
  async lesson(runId: string): Promise<LessonRun | undefined> {
    return this.pendingLessons.get(runId) ?? (await this.readable()).getLesson(runId);
  }

  /** A run's view, if it is known. */
  async view(runId: string): Promise<RunView | undefined> {
    return this.pending.get(runId)?.view ?? (await this.readable()).getView(runId);
  }

  /** A run's whole result (timelines included), if it is known. */
  async result(runId: string): Promise<RunResult | undefined> {
    return this.pending.get(runId)?.result ?? (await this.readable()).getResult(runId);
  }

  /** The store, re-read first if another process (a second app, `serve`) saved to it since. */
  private async readable(): Promise<RunStore> {
    const store = await this.store;
    await store.refresh();
    return store;
  }

  /** Deletes runs; how many there were. */
  async delete(runIds: readonly string[]): Promise<number> {
    await Promise.all([...this.saves]);
    // A run whose save failed is only in this session: deleting it forgets it here.
    let forgotten = 0;
    for (const runId of runIds) {
      if (this.pending.delete(runId)) forgotten++;
      if (this.pendingLessons.delete(runId)) forgotten++;
    }
    return forgotten + (await (await this.readable()).delete(runIds));
  }

  /** Waits for saves in progress and closes the store. */
  async close(): Promise<void> {
    await Promise.all([...this.saves]);
    await (await this.store).close();
  }
}
