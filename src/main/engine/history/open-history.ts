/** Opens the run history in a data folder for the app or browser mode, never failing to start because of it. */
import { errorMessage } from '../../../shared/format';
import { historyFileIn } from './history-location';
import { RunStore } from './run-store';

/** The opened store, and what the user must be told about it, if anything. */
export interface OpenedHistory {
  readonly store: RunStore;
  readonly notice: string | null;
}

/** Opens `<dataDir>/run-history.sqlite`; falls back to a history of this session only if even that fails. */
export async function openHistory(dataDir: string): Promise<OpenedHistory> {
  const notices: string[] = [];
  try {
    const store = await RunStore.open({
      file: historyFileIn(dataDir),
      onNotice: (message) => notices.push(message),
    });
    return { store, notice: notices.join(' ') || null };
  } catch (error) {
    // Only a broken installation (the SQLite WebAssembly file missing) gets here: keep the app usable.
    const store = await RunStore.open({ file: null });
    return {
      store,
      notice: `The run history could not be opened (${errorMessage(error)}), so runs from this session will not be saved.`,
    };
  }
}
