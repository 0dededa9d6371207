/** The runs of this session, newest first, kept whole (with timelines) for exports and re-opening. */
import type { RunListItem, RunView } from '../../shared/ipc';
import type { RunResult } from '../../shared/results';
import { runListItem } from './run-views';

interface Entry {
  readonly result: RunResult;
  readonly view: RunView;
}

/** In-memory history, bounded so a long workshop does not grow without limit. */
export class RunHistory {
  private readonly entries: Entry[] = [];

  constructor(private readonly limit = 50) {}

  /** Adds a finished run. */
  add(result: RunResult, view: RunView): void {
    this.entries.unshift({ result, view });
    this.entries.length = Math.min(this.entries.length, this.limit);
  }

  /** Every run, newest first. */
  list(): RunListItem[] {
    return this.entries.map((entry) => runListItem(entry.view));
  }

  /** A run by id. */
  get(runId: string): Entry | undefined {
    return this.entries.find((entry) => entry.result.runId === runId);
  }
}
