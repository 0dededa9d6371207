/**
 * Completed tasks per second over time. Completions are counted in buckets that widen as a run grows
 * (so the series stays short); each point is the rate over a trailing window of about a second, so
 * tasks slower than a bucket read as the steady rate they are, not as a sawtooth of 0 and bursts.
 */

/** Buckets of completions; never more than `maxPoints` of them. */
export class ThroughputSeries {
  private bucketMs: number;
  private counts: number[] = [];

  constructor(
    initialBucketMs = 100,
    private readonly maxPoints = 240,
    private readonly windowMs = 1000,
  ) {
    this.bucketMs = initialBucketMs;
  }

  /** A task completed `atMs` after the model's start. */
  add(atMs: number): void {
    const at = Math.max(0, atMs);
    this.fit(at);
    const index = Math.floor(at / this.bucketMs);
    while (this.counts.length <= index) this.counts.push(0);
    this.counts[index]! += 1;
  }

  /**
   * Points [seconds since start, tasks/s], one per complete bucket up to `nowMs`, each the rate over
   * the trailing window (or since the start, early on). With `final`, one more point at `nowMs`.
   */
  points(nowMs: number, final = false): [number, number][] {
    const now = Math.max(0, nowMs);
    this.fit(now);
    const b = this.bucketMs;
    const span = Math.max(1, Math.round(this.windowMs / b)); // buckets per window
    const complete = Math.floor(now / b);
    const points: [number, number][] = [];
    let inWindow = 0;
    for (let i = 0; i < complete; i++) {
      inWindow += this.counts[i] ?? 0;
      if (i >= span) inWindow -= this.counts[i - span] ?? 0;
      const covered = Math.min(span, i + 1) * b;
      points.push([((i + 1) * b) / 1000, (inWindow * 1000) / covered]);
    }
    const partialMs = now - complete * b;
    if (final && (partialMs > 0 || complete === 0)) {
      // The last complete window plus the partial bucket: never a rate over a sliver of time.
      let count = this.counts[complete] ?? 0;
      for (let i = Math.max(0, complete - span); i < complete; i++) count += this.counts[i] ?? 0;
      const covered = Math.min(span, complete) * b + partialMs;
      points.push([now / 1000, covered > 0 ? (count * 1000) / covered : 0]);
    }
    return points;
  }

  private fit(atMs: number): void {
    while (Math.floor(atMs / this.bucketMs) >= this.maxPoints) {
      const merged: number[] = [];
      for (let i = 0; i < this.counts.length; i += 2)
        merged.push((this.counts[i] ?? 0) + (this.counts[i + 1] ?? 0));
      this.counts = merged;
      this.bucketMs *= 2;
    }
  }
}
