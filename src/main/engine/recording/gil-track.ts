/**
 * Who held the GIL when, for the live GIL track: hold intervals are folded into at most `maxBuckets`
 * time buckets (halving the resolution when the run outgrows them), and each bucket shows the lane
 * that held the GIL longest in it. Holds never overlap, but there can be hundreds of thousands.
 */
import type { GilHold } from '../../../shared/results';

/** Time buckets of GIL holding, by lane. */
export class GilTrack {
  private bucketMs: number;
  private buckets: Map<number, number>[] = [];

  constructor(
    initialBucketMs = 5,
    private readonly maxBuckets = 400,
  ) {
    this.bucketMs = initialBucketMs;
  }

  /** Lane `lane` held the GIL from `start` to `end` (ms since the model's start). */
  add(lane: number, start: number, end: number): void {
    if (!(end > start) || start < 0) return;
    while (Math.floor(end / this.bucketMs) >= this.maxBuckets) this.halve();
    for (let b = Math.floor(start / this.bucketMs); b * this.bucketMs < end; b++) {
      const overlap = Math.min(end, (b + 1) * this.bucketMs) - Math.max(start, b * this.bucketMs);
      if (overlap <= 0) continue;
      const bucket = (this.buckets[b] ??= new Map());
      bucket.set(lane, (bucket.get(lane) ?? 0) + overlap);
    }
  }

  /** The track: consecutive buckets with the same main holder merged into one interval. */
  intervals(): GilHold[] {
    const out: { lane: number; start: number; end: number }[] = [];
    this.buckets.forEach((bucket, b) => {
      if (!bucket || bucket.size === 0) return;
      let lane = -1;
      let most = 0;
      for (const [candidate, ms] of bucket) if (ms > most) [lane, most] = [candidate, ms];
      const start = b * this.bucketMs;
      const last = out.at(-1);
      if (last && last.lane === lane && last.end === start) last.end = start + this.bucketMs;
      else out.push({ lane, start, end: start + this.bucketMs });
    });
    return out;
  }

  private halve(): void {
    const merged: Map<number, number>[] = [];
    for (let i = 0; i < this.buckets.length; i += 2) {
      const into = new Map(this.buckets[i] ?? []);
      for (const [lane, ms] of this.buckets[i + 1] ?? []) into.set(lane, (into.get(lane) ?? 0) + ms);
      merged.push(into);
    }
    this.buckets = merged;
    this.bucketMs *= 2;
  }
}
