/**
 * Each task's output in words, packed as UTF-8 into one growing buffer: a 100,000-task run keeps
 * 100,000 short texts per model for the timeline's tooltip, and as separate strings they would be
 * 100,000 objects for every garbage collection to copy and mark while the run goes on.
 */

/** Read access to a model's task texts (the timeline's queries only read). */
export interface TaskTexts {
  /** The task's text, or undefined when it has none (not settled yet). */
  get(task: number): string | undefined;
}

/** Bytes the buffer starts with; it doubles when full. */
const INITIAL_BYTES = 64 * 1024;

/** The texts of `total` tasks, written once each (a later write replaces an earlier one). */
export class TextColumn implements TaskTexts {
  private bytes = Buffer.alloc(INITIAL_BYTES);
  private used = 0;
  private start: Int32Array;
  private length: Int32Array;
  /** Whether a task past the end makes the column longer (else it is ignored). */
  private grows = false;

  constructor(total: number) {
    this.start = new Int32Array(total);
    this.length = new Int32Array(total).fill(-1);
  }

  /** A column for any number from 0 up, growing as higher ones are set (lanes, whose count is not known ahead). */
  static growing(): TextColumn {
    const column = new TextColumn(16);
    column.grows = true;
    return column;
  }

  set(task: number, text: string): void {
    if (task < 0) return;
    if (task >= this.length.length) {
      if (!this.grows) return;
      this.growIndex(task + 1);
    }
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    this.reserve(text.length * 3);
    const written = this.bytes.write(text, this.used, 'utf8');
    this.start[task] = this.used;
    this.length[task] = written;
    this.used += written;
  }

  get(task: number): string | undefined {
    const length = this.length[task];
    if (length === undefined || length < 0) return undefined;
    const start = this.start[task]!;
    return this.bytes.toString('utf8', start, start + length);
  }

  private growIndex(count: number): void {
    let size = this.length.length * 2;
    while (size < count) size *= 2;
    const start = new Int32Array(size);
    start.set(this.start);
    const length = new Int32Array(size).fill(-1);
    length.set(this.length);
    this.start = start;
    this.length = length;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.used + bytes) size *= 2;
    const grown = Buffer.alloc(size);
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }
}
