/** What the pipeline chart is fed, and its headline: the latest moment in words. */
import type { PipelinePoint } from '../../../shared/lessons/pipeline';
import { formatCount } from '../../../shared/format';

/** What the chart is fed. */
export interface PipelineChartInput {
  readonly points: readonly PipelinePoint[];
  /** The queue's capacity, drawn as a dashed line; null when unknown. */
  readonly capacity: number | null;
}

/** The latest moment in words: "queue 8 of 8 · 1,234 produced · 1,226 written". */
export function pipelineHeadline(input: PipelineChartInput): string {
  const last = input.points.at(-1);
  if (!last) return 'Queue depth and rates appear here, live';
  const capacity = input.capacity === null ? '' : ` of ${input.capacity}`;
  return `queue ${last.queueDepth}${capacity} · ${formatCount(last.produced)} produced · ${formatCount(last.written)} written · producer waited ${(last.producerBlockedMs / 1000).toFixed(2)} s`;
}
