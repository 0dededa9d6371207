/**
 * The lab's finished runs: the persistent store, plus the runs just finished whose save is still
 * under way (compressing a 100,000-task run takes a moment), so they can be opened and exported at once.
 */
import type { RunListItem, RunView } from '../../../shared/ipc';
import type { RunResult } from '../../../shared/results';
import { errorMessage } from '../errors';
import type { RunStore } from '../history/run-store';
import { runListItem } from '../run-views';

/** Finished runs, persisted. */
export class SessionRuns {
  private readonly pending = new Map<string, { readonly result: RunResult; readonly view: RunView }>();
  private readonly saves = new Set<Promise<void>>();

  constructor(
    private readonly store: Promise<RunStore>,
    private readonly onSaved: () => void,
  ) {}

  /** Keeps a finished run; it is listed at once and on disk shortly after. */
  add(result: RunResult, view: RunView): void {
    this.pending.set(result.runId, { result, view });
    const save = this.store
      .then((store) => store.save(result, view))
      .catch((error: unknown) =>
        console.warn(`run ${result.runId} was not saved to the history: ${errorMessage(error)}`),
      )
      .finally(() => {
        this.pending.delete(result.runId);
        this.saves.delete(save);
        this.onSaved();
      });
    this.saves.add(save);
  }

  /** Every run, newest first. */
  async list(): Promise<RunListItem[]> {
    const stored = (await this.store).list();
    const saving = [...this.pending.values()].map(({ view }) => runListItem(view));
    const ids = new Set(saving.map((item) => item.runId));
    return [...saving.reverse(), ...stored.filter((item) => !ids.has(item.runId))];
  }

  /** A run's view, if it is known. */
  async view(runId: string): Promise<RunView | undefined> {
    return this.pending.get(runId)?.view ?? (await this.store).getView(runId);
  }

  /** A run's whole result (timelines included), if it is known. */
  async result(runId: string): Promise<RunResult | undefined> {
    return this.pending.get(runId)?.result ?? (await this.store).getResult(runId);
  }

  /** Deletes runs; how many there were. */
  async delete(runIds: readonly string[]): Promise<number> {
    await Promise.all([...this.saves]);
    return (await this.store).delete(runIds);
  }

  /** Waits for saves in progress and closes the store. */
  async close(): Promise<void> {
    await Promise.all([...this.saves]);
    await (await this.store).close();
  }
}
