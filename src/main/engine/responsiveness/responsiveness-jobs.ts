/**
 * The engine side of the responsiveness lab: one CPU job (count primes, sized on this machine and
 * checked), run on the main thread — blocking, or chunked — in a worker thread or in a process, with
 * the main event loop's longest stall measured around it; and the async trap, on its own loop thread.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import { epochNow } from '../../../shared/clock';
import { countPrimesBlocking, countPrimesChunked } from '../../../shared/cpu-job';
import type {
  AsyncTrapResult,
  EngineJobPlacement,
  EngineJobResult,
  JobPlan,
  TrapTask,
} from '../../../shared/responsiveness';
import { DedicatedThreadExecutor } from '../models/dedicated-thread-executor';
import type { Executor, TaskEvent, TaskSpec } from '../../../workers/protocol/executor';
import type { HostScripts } from '../models/host-scripts';
import { ProcessPoolExecutor, ThreadPoolExecutor } from '../models/pool-executors';
import type { ProcessSpawner } from '../models/process-spawner';
import { unitsPerMs } from '../scenarios/calibrate';
import { PRIMES_FROM } from '../scenarios/cpu-primes';
import { countPrimesInRangesYielding } from '../scenarios/prime-sieve';
import { lateness, RESOLUTION_MS } from '../system/system-monitor';

/** What running jobs needs. */
export interface JobEnvironment {
  readonly hostScripts: HostScripts;
  readonly spawner: ProcessSpawner;
}

const POLLERS = 4;
const POLL_STEPS = 10;
const POLL_STEP_MS = 100;
const SLEEPER_AFTER_MS = 150;

/** Runs a single task on a pool of one and returns its count. */
async function runOne(executor: Executor, task: TaskSpec): Promise<number> {
  let count = NaN;
  let failure: string | null = null;
  try {
    await executor.start();
    await executor.run(
      [task],
      (event) => {
        if (event.type === 'finished') count = (event.output as { count: number }).count;
        else if (event.type === 'failed') failure = event.error;
      },
      new AbortController().signal,
    );
  } finally {
    await executor.close();
  }
  if (failure !== null) throw new Error(failure);
  return count;
}

/** How long a calibration is trusted: long enough for a series of presses, short enough to forget a busy moment. */
const CALIBRATION_TTL_MS = 30_000;

/** The lab's jobs; the machine's speed is measured once and reused for a while. */
export class ResponsivenessJobs {
  private primesPerMs: Promise<number> | null = null;
  private calibratedAt = -Infinity;

  constructor(private readonly env: JobEnvironment) {}

  /** The job of about `durationMs` on this machine, with its expected answer. */
  async plan(durationMs: number): Promise<JobPlan> {
    if (performance.now() - this.calibratedAt > CALIBRATION_TTL_MS) {
      this.primesPerMs = null;
      this.calibratedAt = performance.now();
    }
    this.primesPerMs ??= unitsPerMs(
      { hostScripts: this.env.hostScripts, signal: new AbortController().signal },
      (units) => ({ workload: 'count-primes', input: { start: PRIMES_FROM, end: PRIMES_FROM + units } }),
      1000,
    ).catch((error: unknown) => {
      this.primesPerMs = null;
      throw error;
    });
    const size = Math.max(1000, Math.round((await this.primesPerMs) * durationMs));
    const start = PRIMES_FROM;
    const end = start + size;
    const [expected] = await countPrimesInRangesYielding([start, end]);
    return { durationMs, start, end, expected: expected! };
  }

  /** Runs the job where asked; the main loop's longest stall is measured from just before to just after. */
  async run(placement: EngineJobPlacement, durationMs: number, chunkMs: number): Promise<EngineJobResult> {
    const plan = await this.plan(durationMs);
    const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    histogram.enable();
    // One probe tick first, so a job that blocks from its first instruction is measured from here.
    await delay(RESOLUTION_MS + 2);
    const startedAt = epochNow();
    const task: TaskSpec = { workload: 'count-primes', input: { start: plan.start, end: plan.end } };
    let count: number;
    switch (placement) {
      case 'main-thread':
        count = countPrimesBlocking(plan.start, plan.end);
        break;
      case 'main-thread-chunked':
        count = await countPrimesChunked(plan.start, plan.end, chunkMs, () => nextTurn());
        break;
      case 'worker-thread':
        count = await runOne(
          new ThreadPoolExecutor(this.env.hostScripts.threadHost, { size: 1, taskTimeoutMs: null }),
          task,
        );
        break;
      case 'process':
        count = await runOne(
          new ProcessPoolExecutor(this.env.hostScripts.processHost, this.env.spawner, {
            size: 1,
            taskTimeoutMs: null,
          }),
          task,
        );
        break;
    }
    const endedAt = epochNow();
    // The probe records a stall when its late tick finally runs: give it that tick.
    await delay(RESOLUTION_MS * 2);
    histogram.disable();
    return {
      placement,
      startedAt,
      endedAt,
      count,
      ok: count === plan.expected,
      mainLoopDelayMaxMs: lateness(histogram.max),
    };
  }

  /**
   * Four tasks poll I/O in 100 ms steps on one event loop (a dedicated thread, so the app stays
   * responsive); a fifth sleeps for `sleepMs`, awaited or blocking. Blocking, every poller stalls.
   */
  async asyncTrap(blocking: boolean, sleepMs: number): Promise<AsyncTrapResult> {
    const executor = new DedicatedThreadExecutor(this.env.hostScripts.loopThreadHost, {
      model: 'async',
      concurrency: null,
      yieldEveryMs: 100,
    });
    const tasks: TaskSpec[] = [
      ...Array.from({ length: POLLERS }, (): TaskSpec => ({
        workload: 'poll',
        input: { steps: POLL_STEPS, stepMs: POLL_STEP_MS },
      })),
      { workload: 'sleeper', input: { afterMs: SLEEPER_AFTER_MS, sleepMs, blocking } },
    ];
    const events: TaskEvent[] = [];
    let t0 = 0;
    try {
      await executor.start();
      t0 = epochNow();
      await executor.run(tasks, (event) => events.push(event), new AbortController().signal);
    } finally {
      await executor.close();
    }
    const settled: TrapTask[] = events.flatMap((event) =>
      event.type === 'finished' || event.type === 'failed'
        ? [
            {
              task: event.task,
              label:
                event.task < POLLERS
                  ? `poller ${event.task + 1}`
                  : blocking
                    ? 'blocking sleep'
                    : 'awaited sleep',
              startedAt: event.startedAt - t0,
              endedAt: event.endedAt - t0,
            },
          ]
        : [],
    );
    settled.sort((a, b) => a.task - b.task);
    const pollersDoneMs = Math.max(...settled.filter((t) => t.task < POLLERS).map((t) => t.endedAt));
    return { blocking, sleepMs, tasks: settled, pollersDoneMs };
  }
}
