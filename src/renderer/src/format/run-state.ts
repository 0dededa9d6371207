/** The words for a model's state, shown beside every colour so colour is never the only cue. */
import type { ModelRunState } from '../../../shared/results';

const WORDS: Readonly<Record<ModelRunState | 'waiting', string>> = {
  pending: 'waiting',
  waiting: 'waiting',
  starting: 'starting workers',
  running: 'running',
  done: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** "starting workers", "running", "done"… */
export function stateWord(state: ModelRunState | 'waiting'): string {
  return WORDS[state];
}
