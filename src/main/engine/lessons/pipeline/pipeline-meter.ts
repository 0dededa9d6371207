/** Counts what flows through the pipeline and samples it into a chart-ready series, one point per tick. */
import type { PipelinePoint } from '../../../../shared/lessons/pipeline';

export type { PipelinePoint };

const RATE_WINDOW_MS = 500;

/** Counters of one pipeline run and its sampled series. */
export class PipelineMeter {
  produced = 0;
  consumed = 0;
  written = 0;
  private blockedMs = 0;
  private blockedSince: number | null = null;
  private readonly points: PipelinePoint[] = [];
  private readonly startedAt = performance.now();

  /** The producer found the queue full and starts waiting. */
  blockStarted(): void {
    this.blockedSince = performance.now();
  }

  /** The producer's item went in after waiting. */
  blockEnded(): void {
    if (this.blockedSince !== null) this.blockedMs += performance.now() - this.blockedSince;
    this.blockedSince = null;
  }

  /** Time blocked so far, including a wait still going on. */
  producerBlockedMs(): number {
    return this.blockedMs + (this.blockedSince === null ? 0 : performance.now() - this.blockedSince);
  }

  /** Ms since the meter started. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Records a point of the series and returns it. */
  sample(queueDepth: number): PipelinePoint {
    const atMs = this.elapsedMs();
    const base = this.pointBefore(atMs - RATE_WINDOW_MS);
    const span = (atMs - (base?.atMs ?? 0)) / 1000;
    const rate = (now: number, then: number): number => (span > 0 ? round1((now - then) / span) : 0);
    const point: PipelinePoint = {
      atMs: round1(atMs),
      queueDepth,
      produced: this.produced,
      consumed: this.consumed,
      written: this.written,
      producerRate: rate(this.produced, base?.produced ?? 0),
      consumerRate: rate(this.consumed, base?.consumed ?? 0),
      producerBlockedMs: round1(this.producerBlockedMs()),
    };
    this.points.push(point);
    return point;
  }

  /** Every point sampled so far. */
  series(): readonly PipelinePoint[] {
    return this.points;
  }

  private pointBefore(atMs: number): PipelinePoint | undefined {
    for (let i = this.points.length - 1; i >= 0; i--) if (this.points[i]!.atMs <= atMs) return this.points[i];
    return undefined;
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
