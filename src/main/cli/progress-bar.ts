/** A live progress line on stderr (only when stderr is a terminal): one model at a time, finished ones kept above. */
import { formatSeconds } from '../../shared/format';
import { MODEL_IDS, MODELS } from '../../shared/models';
import type { ModelResult, ModelSnapshot } from '../../shared/results';

const WIDTH = 24;
/** Every model's name fits, py-threads-nogil included, so the bars line up. */
const NAME_WIDTH = Math.max(...MODEL_IDS.map((id) => id.length));
const CLEAR_LINE = '\r\x1b[2K';

/** Renders one model's progress as a single line. */
export function progressLine(snapshot: ModelSnapshot): string {
  const name = MODELS[snapshot.model].id.padEnd(NAME_WIDTH);
  if (snapshot.state === 'starting') return `${name} starting workers…`;
  const settled = snapshot.completed + snapshot.failed;
  const filled = snapshot.total > 0 ? Math.round((settled / snapshot.total) * WIDTH) : WIDTH;
  const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
  const eta = snapshot.etaMs !== null ? `  ETA ${formatSeconds(snapshot.etaMs)}` : '';
  const failed = snapshot.failed > 0 ? `  ${snapshot.failed} failed` : '';
  return `${name} ${bar} ${settled}/${snapshot.total}  ${formatSeconds(snapshot.elapsedMs)}${eta}${failed}`;
}

/** Writes progress to a terminal stream, at most 10 redraws a second. */
export class ProgressBar {
  private lastDraw = -Infinity;
  private shown = false;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  /** A preparation step. */
  preparing(message: string): void {
    this.draw(`${message}…`, true);
  }

  /** A model's snapshot arrived. */
  update(snapshot: ModelSnapshot): void {
    this.draw(progressLine(snapshot), snapshot.state === 'starting');
  }

  /** A model finished: its line stays. */
  finished(result: ModelResult): void {
    const mark = result.state === 'done' ? '✓' : result.state === 'cancelled' ? '■' : '✗';
    const line = `${mark} ${result.model.padEnd(NAME_WIDTH)} ${result.state} in ${formatSeconds(result.wallMs)} (${result.completed}/${result.total} tasks)`;
    this.stream.write(`${CLEAR_LINE}${line}\n`);
    this.shown = false;
  }

  /** Clears the live line. */
  clear(): void {
    if (this.shown) this.stream.write(CLEAR_LINE);
    this.shown = false;
  }

  private draw(line: string, force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.stream.write(`${CLEAR_LINE}${line}`);
    this.shown = true;
  }
}
