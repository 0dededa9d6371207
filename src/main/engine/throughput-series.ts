/** Completed tasks per second over time, in buckets that widen as a run grows so the series stays short. */

/** Buckets of completions; never more than `maxPoints` of them. */
export class ThroughputSeries {
  private bucketMs: number;
  private counts: number[] = [];

  constructor(
    initialBucketMs = 100,
    private readonly maxPoints = 240,
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
   * Points [seconds since start at the bucket's end, tasks/s] for every complete bucket up to `nowMs`;
   * with `final`, the last partial bucket too, scaled by its real length.
   */
  points(nowMs: number, final = false): [number, number][] {
    const now = Math.max(0, nowMs);
    this.fit(now);
    const complete = Math.floor(now / this.bucketMs);
    const points: [number, number][] = [];
    for (let i = 0; i < complete; i++) {
      points.push([((i + 1) * this.bucketMs) / 1000, ((this.counts[i] ?? 0) * 1000) / this.bucketMs]);
    }
    if (!final) return points;
    const partialMs = now - complete * this.bucketMs;
    const partialCount = this.counts[complete] ?? 0;
    if (partialMs > 0) points.push([now / 1000, (partialCount * 1000) / partialMs]);
    else if (partialCount > 0) {
      // Completions exactly at `now` fall in a bucket of zero length: count them with the last full one.
      const last = points.at(-1);
      if (last) last[1] += (partialCount * 1000) / this.bucketMs;
      else points.push([now / 1000, 0]);
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
