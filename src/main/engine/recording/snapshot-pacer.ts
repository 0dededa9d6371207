/**
 * Paces a run's snapshots: at most one every `intervalMs` (20 a second by default) across all its
 * models. Live snapshots coalesce — only the newest state is built and sent when its slot comes —
 * while a model's final snapshot waits for its slot and is never dropped.
 */
import type { ModelSnapshot } from '../../../shared/results';

/** One run's snapshot pacer. */
export class SnapshotPacer {
  private lastEmit = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  private pendingLive: (() => ModelSnapshot) | null = null;
  private readonly finals: { snapshot: ModelSnapshot; sent: () => void }[] = [];

  constructor(
    private readonly emit: (snapshot: ModelSnapshot) => void,
    private readonly intervalMs = 50,
  ) {}

  /** The live state changed: `build` makes its snapshot when the next slot comes (built once per slot). */
  live(build: () => ModelSnapshot): void {
    this.pendingLive = build;
    this.schedule();
  }

  /** A model's last snapshot: sent in order, in its slot; resolves once sent. */
  final(snapshot: ModelSnapshot): Promise<void> {
    // A final state supersedes whatever live state of the same run was waiting.
    this.pendingLive = null;
    return new Promise((sent) => {
      this.finals.push({ snapshot, sent });
      this.schedule();
    });
  }

  /** Drops what is pending (the run is over); pending finals resolve unsent. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pendingLive = null;
    for (const final of this.finals.splice(0)) final.sent();
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = this.lastEmit + this.intervalMs - performance.now();
    if (wait <= 0) this.slot();
    else this.timer = setTimeout(() => this.slot(), wait);
  }

  private slot(): void {
    this.timer = null;
    const final = this.finals.shift();
    if (final) {
      this.send(final.snapshot);
      final.sent();
    } else if (this.pendingLive) {
      const build = this.pendingLive;
      this.pendingLive = null;
      this.send(build());
    } else return;
    if (this.finals.length > 0 || this.pendingLive) this.schedule();
  }

  private send(snapshot: ModelSnapshot): void {
    this.lastEmit = performance.now();
    this.emit(snapshot);
  }
}
