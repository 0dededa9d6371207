/**
 * Lesson: a pipeline with backpressure. An async producer puts items into a bounded queue; a pool of
 * consumers (worker threads or processes) takes them and transforms each on its own core; a sink
 * writes every result as a row of an embedded SQLite database. When the consumers fall behind, the
 * queue fills and the producer waits (backpressure). At the end the database is checked: every
 * produced item written exactly once.
 */
import {
  PIPELINE_KNOBS,
  type PipelinePoint,
  type PipelineRequest,
  type PipelineResult,
} from '../../../../shared/lessons/pipeline';
import { availableParallelism } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { pipelineDigest } from '../../../../workers/workloads/pipeline-transform';
import { CancelledError, isCancellation } from '../../errors';
import { processWorkerFactory, threadWorkerFactory } from '../../models/pool-workers';
import { BoundedQueue } from './bounded-queue';
import { HostLink } from '../host-link';
import { checkInteger, round3, throwIfCancelled, type LessonEnvironment } from '../lesson-environment';
import { PipelineMeter } from './pipeline-meter';
import { SqliteSink } from './sqlite-sink';

/** Observers of a pipeline run. */
export interface PipelineHooks {
  /** The live state, at most 20 times a second. */
  readonly onProgress?: (point: PipelinePoint) => void;
}

const TICK_MS = 50; // 20 points a second: the UI's live-update budget
const DIGEST_SAMPLES = 64;

/** A deterministic seed per item, so the sink's rows can be recomputed. */
function seedOf(id: number): number {
  return Math.imul(id + 1, 0x9e3779b1) | 0;
}

/** Yields items 0 … count − 1, paced to `ratePerSecond` when given; after a long stall it does not burst to catch up. */
export async function* produceItems(
  count: number,
  ratePerSecond: number | null,
  signal?: AbortSignal,
): AsyncGenerator<{ readonly id: number; readonly seed: number }> {
  const intervalMs = ratePerSecond ? 1000 / ratePerSecond : 0;
  let origin = performance.now();
  for (let id = 0; id < count; id++) {
    if (intervalMs > 0) {
      const wait = origin + id * intervalMs - performance.now();
      if (wait > 1) await delay(wait, undefined, signal ? { signal } : undefined);
      else if (wait < -100) origin = performance.now() - id * intervalMs;
    }
    yield { id, seed: seedOf(id) };
  }
}

/** Runs the pipeline to the end and checks the database; rejects with a CancelledError when the signal aborts. */
export async function runPipelineLesson(
  request: PipelineRequest,
  env: LessonEnvironment,
  hooks: PipelineHooks = {},
): Promise<PipelineResult> {
  const capacity = request.capacity ?? 8;
  const consumerCount = request.consumers ?? availableParallelism();
  const rounds = request.roundsPerItem ?? 100_000;
  const rate = request.ratePerSecond ?? null;
  const carrier = request.carrier ?? 'threads';
  checkInteger('items', request.items, PIPELINE_KNOBS.items);
  if (rate !== null) checkInteger('ratePerSecond', rate, PIPELINE_KNOBS.ratePerSecond);
  checkInteger('capacity', capacity, PIPELINE_KNOBS.capacity);
  checkInteger('consumers', consumerCount, PIPELINE_KNOBS.consumers);
  checkInteger('roundsPerItem', rounds, PIPELINE_KNOBS.roundsPerItem);
  throwIfCancelled(env.signal);

  const factory =
    carrier === 'threads'
      ? threadWorkerFactory({ script: env.hostScripts.threadHost })
      : processWorkerFactory({ script: env.hostScripts.processHost, spawner: env.spawner });
  const startupBegan = performance.now();
  const sink = await SqliteSink.open();
  const opened = await Promise.allSettled(
    Array.from({ length: consumerCount }, (_, lane) => HostLink.open(factory, lane, env.signal)),
  );
  const links = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const queue = new BoundedQueue<{ readonly id: number; readonly seed: number }>(capacity);
  const onAbort = (): void => queue.cancel(new CancelledError());
  env.signal?.addEventListener('abort', onAbort, { once: true });
  let ticker: NodeJS.Timeout | null = null;
  try {
    const failedStart = opened.find((o) => o.status === 'rejected');
    if (failedStart) throw failedStart.reason;
    throwIfCancelled(env.signal);
    const startupMs = performance.now() - startupBegan;

    const meter = new PipelineMeter();
    ticker = setInterval(() => {
      const point = meter.sample(queue.size);
      hooks.onProgress?.(point);
    }, TICK_MS);
    const handled = links.map(() => 0);
    const produce = async (): Promise<void> => {
      for await (const item of produceItems(request.items, rate, env.signal)) {
        const blocks = queue.size >= queue.capacity;
        if (blocks) meter.blockStarted();
        await queue.put(item);
        if (blocks) meter.blockEnded();
        meter.produced++;
      }
      queue.close();
    };
    const consume = async (link: HostLink, index: number): Promise<void> => {
      for (;;) {
        const next = await queue.take();
        if (next.done) return;
        const { output } = await link.call('pipeline-transform', { ...next.value, rounds });
        meter.consumed++;
        sink.write({ id: output.id, digest: output.digest, consumer: index });
        meter.written++;
        handled[index]!++;
      }
    };
    const stopAll = (error: unknown): never => {
      // One failed stage stops the others: a waiting producer or consumer would otherwise wait forever.
      queue.cancel(error instanceof Error ? error : new Error(String(error)));
      for (const link of links) void link.close();
      throw error;
    };
    const stages = [produce(), ...links.map(consume)];
    const settled = await Promise.allSettled(stages.map((stage) => stage.catch(stopAll)));
    throwIfCancelled(env.signal);
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
    clearInterval(ticker);
    const last = meter.sample(queue.size);
    hooks.onProgress?.(last);

    const check = sink.check(meter.produced);
    const sampleIds = Array.from({ length: Math.min(DIGEST_SAMPLES, meter.produced) }, (_, i) =>
      Math.floor((i * meter.produced) / Math.min(DIGEST_SAMPLES, meter.produced)),
    );
    const digests = sink.digests(sampleIds);
    const digestsWrong = sampleIds.filter(
      (id) => digests.get(id) !== pipelineDigest(seedOf(id), rounds),
    ).length;
    const seconds = last.atMs / 1000;
    return {
      carrier,
      consumers: links.map((link, i) => ({ label: link.label, items: handled[i]! })),
      capacity,
      produced: meter.produced,
      consumed: meter.consumed,
      written: meter.written,
      check,
      digestsChecked: sampleIds.length,
      digestsWrong,
      exactlyOnce: check.exactlyOnce && digestsWrong === 0,
      startupMs: round3(startupMs),
      wallMs: round3(last.atMs),
      producerBlockedMs: round3(meter.producerBlockedMs()),
      maxQueueDepth: queue.maxSize,
      producerRate: seconds > 0 ? round3(meter.produced / seconds) : 0,
      consumerRate: seconds > 0 ? round3(meter.consumed / seconds) : 0,
      series: meter.series(),
    };
  } catch (error) {
    throw env.signal?.aborted && !isCancellation(error) ? new CancelledError() : error;
  } finally {
    if (ticker) clearInterval(ticker);
    env.signal?.removeEventListener('abort', onAbort);
    queue.cancel();
    await Promise.all(links.map((link) => link.close()));
    sink.close();
  }
}
