/** Coalesces snapshots: at most one per interval (20 per second by default), the latest state always delivered. */

/** Calls `emit` with a fresh snapshot no more often than every `intervalMs`, and once more after the last change. */
export class SnapshotThrottle {
  private last = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly emit: () => void,
    private readonly intervalMs = 50,
  ) {}

  /** Something changed: emit now if the interval has passed, else once when it has. */
  changed(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - performance.now();
    if (wait <= 0) this.fire();
    else this.timer = setTimeout(() => this.fire(), wait);
  }

  /** Emits now, whatever the interval (state changes: started, done, cancelled). */
  flush(): void {
    this.fire();
  }

  /** Drops a pending emission. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.last = performance.now();
    this.emit();
  }
}
