/**
 * `npm run bench`: speed targets, measured side by side in one run, printed as ratios.
 * (a) tiny-task throughput of the threads pool vs Piscina with the same thread count;
 * (b) CPU speedup of threads and processes over sequential vs the ideal min(cores, tasks);
 * (c) http-requests under async vs the ideal ceil(N / concurrency) x latency;
 * (d) streaming a 100,000-task run to the renderer; (e) the same run followed by a room of 100;
 * (f) cancel latency of async on CPU scenarios, on the calling thread (CLI) and the loop thread (app);
 * (g) a task's cost through the broker with one worker (distributed vs processes vs bare JetStream);
 * (h) distributed throughput as local workers are added;
 * (i) real CPython: py-threads and py-processes on cpu-primes, and the simulated GIL against the real one;
 * (j) zooming the lanes timeline of a 100,000-task run: the renderer's frame time per wheel step.
 * `npm run bench room [tasks] [followers] [models]` runs (e) alone, at a smaller size when given one,
 * and with only the given models (comma-separated) when named;
 * `npm run bench cancel` runs (f) alone; `npm run bench distributed [tasks]` runs (g) and (h) alone;
 * `npm run bench python [tasks] [taskMs]` runs (i) alone; `npm run bench zoom [tasks]` runs (j) alone.
 * Not part of `npm test`: timings belong here, never in tests.
 */
import http from 'node:http';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Piscina } from 'piscina';
import { MODEL_IDS, type ModelId } from '../src/shared/models';
import type { TaskSpec } from '../src/workers/protocol/executor';
import { assertHostScripts, hostScriptsIn } from '../src/main/engine/models/host-scripts';
import { ThreadPoolExecutor } from '../src/main/engine/models/pool-executors';
import { forkSpawner } from '../src/main/engine/models/process-spawner';
import { startLatencyServer, warmUpLatencyServer } from '../src/main/engine/scenarios/latency-server-process';
import { runScenario, type EngineOptions } from '../src/main/engine/run/run-session';
import { distributedBenchmark } from './distributed';
import { measureCancel } from './cancel';
import { pythonSection } from './python';
import type { Line } from './report-line';
import { roomBenchmark } from './room';
import { streamingBenchmark } from './streaming';
import { timelineZoomBenchmark } from './timeline-zoom';

const root = resolve(__dirname, '../..');
const engine: EngineOptions = {
  hostScripts: assertHostScripts(hostScriptsIn(join(root, 'out/main'))),
  spawner: forkSpawner,
};
const cores = availableParallelism();

const lines: Line[] = [];

function report(line: Line): void {
  lines.push(line);
  console.log(
    `${line.met ? 'MET ' : 'MISS'}  ${line.name}: ${line.measured} -> ratio ${line.ratio.toFixed(3)} (target ${line.target})`,
  );
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function tinyTaskThroughput(): Promise<void> {
  const threads = cores;
  const count = 20_000;
  const tasks: TaskSpec[] = Array.from({ length: count }, (_, i) => ({
    workload: 'sum-squares',
    input: { start: i, end: i + 16 },
  }));
  const ours = new ThreadPoolExecutor(engine.hostScripts.threadHost, { size: threads, taskTimeoutMs: null });
  const piscina = new Piscina({
    filename: join(root, 'out/bench/piscina-worker.js'),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  await ours.start();
  const runOurs = async (): Promise<number> => {
    const t0 = performance.now();
    await ours.run(tasks, () => undefined, new AbortController().signal);
    return (count * 1000) / (performance.now() - t0);
  };
  const runPiscina = async (): Promise<number> => {
    const t0 = performance.now();
    await Promise.all(tasks.map((task) => piscina.run(task.input)));
    return (count * 1000) / (performance.now() - t0);
  };
  // Warm both up, then alternate so that neither profits from running second.
  await runOurs();
  await runPiscina();
  const oursRates: number[] = [];
  const piscinaRates: number[] = [];
  for (let i = 0; i < 5; i++) {
    oursRates.push(await runOurs());
    piscinaRates.push(await runPiscina());
  }
  await ours.close();
  await piscina.destroy();
  const a = median(oursRates);
  const b = median(piscinaRates);
  report({
    name: `(a) tiny tasks, ${threads} threads, ${count} tasks`,
    measured: `threads pool ${Math.round(a)} tasks/s vs Piscina ${Math.round(b)} tasks/s (medians of 5)`,
    ratio: a / b,
    target: '>= 1.0',
    met: a / b >= 1,
  });
}

async function cpuSpeedup(): Promise<void> {
  const tasks = 8;
  const rounds = 3;
  const best = new Map<string, { wallMs: number; placement: string }>();
  // Rounds interleave the models, and each model keeps its best time: this VM's cores are
  // intermittently shared with other tenants, and the least-disturbed run is the honest estimate.
  for (let round = 0; round < rounds; round++) {
    const run = await runScenario(
      {
        scenario: 'cpu-primes',
        params: { tasks, taskMs: 500 },
        models: ['sequential', 'threads', 'processes'],
        pool: {},
      },
      engine,
    );
    for (const model of run.results) {
      const previous = best.get(model.model);
      if (!previous || model.wallMs < previous.wallMs)
        best.set(model.model, { wallMs: model.wallMs, placement: model.placement });
    }
  }
  const ideal = Math.min(cores, tasks);
  const sequential = best.get('sequential')!.wallMs;
  for (const model of ['threads', 'processes']) {
    const { wallMs, placement } = best.get(model)!;
    const speedup = sequential / wallMs;
    const target = model === 'threads' ? 0.9 : 0.85;
    report({
      name: `(b) cpu-primes ${tasks} x 500 ms, ${model} (${placement})`,
      measured: `speedup ${speedup.toFixed(2)}x over sequential (best of ${rounds}: ${(sequential / 1000).toFixed(2)} s -> ${(wallMs / 1000).toFixed(2)} s), ideal ${ideal}x`,
      ratio: speedup / ideal,
      target: `>= ${target} of ideal`,
      met: speedup / ideal >= target,
    });
  }
}

/** The same requests with bare node:http and a plain loop per slot: the floor this machine allows. */
async function rawHttpMs(requests: number, concurrency: number, latencyMs: number): Promise<number> {
  const server = await startLatencyServer(forkSpawner, engine.hostScripts.latencyServerHost);
  await warmUpLatencyServer(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const get = (id: number): Promise<void> =>
    new Promise((done, fail) => {
      http
        .get(`${server.url}/delay?id=${id}&ms=${latencyMs}&bytes=1024`, { agent }, (response) => {
          response.resume();
          response.on('end', done);
        })
        .on('error', fail);
    });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) await get(next++);
    }),
  );
  const ms = performance.now() - t0;
  agent.destroy();
  await server.stop();
  return ms;
}

async function asyncHttp(): Promise<void> {
  const requests = 1000;
  const concurrency = 100;
  const latencyMs = 50;
  const ideal = Math.ceil(requests / concurrency) * latencyMs;
  const walls: number[] = [];
  const raws: number[] = [];
  for (let i = 0; i < 5; i++) {
    const run = await runScenario(
      {
        scenario: 'http-requests',
        params: { tasks: requests, latencyMs },
        models: ['async'],
        pool: { concurrency },
      },
      engine,
    );
    walls.push(run.results[0]!.wallMs);
    raws.push(await rawHttpMs(requests, concurrency, latencyMs));
  }
  const wall = median(walls);
  const raw = median(raws);
  report({
    name: `(c) http-requests ${requests} x ${latencyMs} ms, async at concurrency ${concurrency}`,
    measured: `${Math.round(wall)} ms (median of 5; runs ${walls.map(Math.round).join(', ')}) vs ideal ${ideal} ms; bare node:http on this machine: ${Math.round(raw)} ms (${(raw / ideal).toFixed(3)}x ideal)`,
    ratio: wall / ideal,
    target: '<= 1.15',
    met: wall / ideal <= 1.15,
  });
}

/** The design says "cancelling stops everything within half a second". */
const CANCEL_TARGET_MS = 500;

async function cancelLatency(): Promise<void> {
  for (const scenario of ['cpu-sum-squares', 'matrix-inverse'] as const) {
    for (const callingThread of ['inline', 'dedicated'] as const) {
      const latencies: number[] = [];
      for (let i = 0; i < 3; i++)
        latencies.push((await measureCancel(engine, scenario, callingThread)).latencyMs);
      const worst = Math.max(...latencies);
      report({
        name: `(f) cancel async on ${scenario}, ${callingThread === 'inline' ? 'calling thread (CLI)' : 'loop thread (app)'}`,
        measured: `stopped ${latencies.map(Math.round).join(', ')} ms after the cancel (worst of 3: ${Math.round(worst)} ms)`,
        ratio: worst / CANCEL_TARGET_MS,
        target: `<= ${CANCEL_TARGET_MS} ms (ratio <= 1)`,
        met: worst <= CANCEL_TARGET_MS,
      });
    }
  }
}

async function streaming(): Promise<void> {
  const result = await streamingBenchmark(root);
  console.log(
    `      (d) ${result.tasks} tasks x 5 models in ${result.runSeconds.toFixed(0)} s: ${result.frames} frames, frame max ${result.frameMaxMs.toFixed(0)} ms; ` +
      `main loop p99 per second: median ${result.loopP99MedianMs.toFixed(1)} ms, over 20 ms in ${result.loopSecondsOver20} of ${result.loopSeconds} s; ` +
      `at most ${result.snapshotsPerSecondMax} snapshots/s, largest ${(result.largestSnapshotBytes / 1024).toFixed(1)} KB`,
  );
  report({
    name: '(d) renderer frame time p95 during a 100,000-task run on all models',
    measured: `${result.frameP95Ms.toFixed(1)} ms`,
    ratio: result.frameP95Ms / 33,
    target: '<= 33 ms (ratio <= 1)',
    met: result.frameP95Ms <= 33,
  });
  report({
    name: '(d) main-process event-loop delay p99, worst 1-s window of the same run',
    measured: `${result.loopP99WorstMs.toFixed(1)} ms`,
    ratio: result.loopP99WorstMs / 20,
    target: '<= 20 ms (ratio <= 1)',
    met: result.loopP99WorstMs <= 20,
  });
}

/** A frame at 60 Hz, ms: zooming must fit in it. */
const FRAME_60HZ_MS = 1000 / 60;

/** `npm run bench zoom [tasks]`: a smaller size checks that it runs. */
async function timelineZoom(tasks?: number): Promise<void> {
  const result = await timelineZoomBenchmark(root, tasks);
  console.log(
    `      (j) io-sleep ${result.tasks} tasks on threads, gil-threads and async (run ${result.runSeconds.toFixed(0)} s), then ${result.steps} wheel steps down to "${result.deepestZoom}": frame p50 ${result.frameP50Ms.toFixed(1)} ms, max ${result.frameMaxMs.toFixed(1)} ms`,
  );
  report({
    name: `(j) renderer frame time p95 while zooming the lanes of a ${result.tasks}-task run`,
    measured: `${result.frameP95Ms.toFixed(1)} ms`,
    ratio: result.frameP95Ms / FRAME_60HZ_MS,
    target: '<= 16.7 ms (ratio <= 1)',
    met: result.frameP95Ms <= FRAME_60HZ_MS,
  });
}

/**
 * `npm run bench room [tasks] [followers] [models]`: a smaller size checks that it runs; `async` alone
 * is the hardest second of the run (its burst) in about 40 s.
 */
async function room(tasks?: number, followers?: number, models?: string): Promise<void> {
  const ids = models ? models.split(',') : null;
  const unknown = ids?.filter((id) => !(MODEL_IDS as readonly string[]).includes(id)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `models: ${unknown.join(', ')} unknown (one or more of ${MODEL_IDS.join(', ')}, comma-separated)`,
    );
  const result = await roomBenchmark(root, tasks, followers, ids as ModelId[] | null);
  const wallRatio = result.wallFollowedMs / result.wallAloneMs;
  console.log(
    `      (e) io-sleep ${result.tasks} tasks x ${result.models ? result.models.join(', ') : 'the default models'}: ${(result.wallAloneMs / 1000).toFixed(1)} s alone, ${(result.wallFollowedMs / 1000).toFixed(1)} s with ${result.followers} followers; ` +
      `loop p99 worst second ${result.loopP99WorstAloneMs.toFixed(1)} ms alone; seconds over 10 ms: ${result.secondsOver10Alone} alone, ${result.secondsOver10Followed} of ${result.seconds} followed; ` +
      `${(result.bytesToFollowers / 1e6).toFixed(0)} MB sent to followers, ${result.followersDropped} dropped; ` +
      `saving a finished run to the history (after run:finished) blocked the loop up to ${result.saveStallWorstMs.toFixed(0)} ms; ` +
      `worst seconds followed: ${result.worstSecondsFollowed.map((s) => `${s.p99Ms.toFixed(1)} ms at ${s.second} s (idle process ${s.idleP99Ms === null ? 'n/a' : `${s.idleP99Ms.toFixed(1)} ms`})`).join(', ')}; ` +
      `an idle process on this machine, same seconds: worst p99 ${result.idleP99WorstAloneMs.toFixed(1)} ms alone, ${result.idleP99WorstFollowedMs.toFixed(1)} ms followed`,
  );
  report({
    name: `(e) serving process event-loop delay p99, worst 1-s window, ${result.followers} followers`,
    measured: `${result.loopP99WorstFollowedMs.toFixed(1)} ms`,
    ratio: result.loopP99WorstFollowedMs / 10,
    target: '<= 10 ms (ratio <= 1)',
    met: result.loopP99WorstFollowedMs <= 10,
  });
  report({
    name: `(e) run wall time with ${result.followers} followers vs none`,
    measured: `${(result.wallFollowedMs / 1000).toFixed(2)} s vs ${(result.wallAloneMs / 1000).toFixed(2)} s`,
    ratio: wallRatio,
    target: '<= 1.05',
    met: wallRatio <= 1.05,
  });
  report({
    name: `(e) followers that received the final result`,
    measured: `${result.followersFinished} of ${result.followers}`,
    ratio: result.followersFinished / result.followers,
    target: '= 1',
    met: result.followersFinished === result.followers,
  });
}

/** `npm run bench python [tasks] [taskMs]`: a smaller size checks that it runs. */
async function python(tasks?: number, taskMs?: number): Promise<void> {
  await pythonSection(engine, report, tasks, taskMs);
}

/** `npm run bench distributed [tasks]`: (g) and (h); a smaller size checks that it runs. */
async function distributed(tasks?: number): Promise<void> {
  const result = await distributedBenchmark(engine, tasks);
  const ms = (value: number): string => `${value.toFixed(3)} ms`;
  console.log(
    `      (g) ${result.tasks} tiny tasks, one worker, ms per task (median of 3): bare JetStream ${ms(result.floorMs)}, ` +
      `distributed ${ms(result.distributedMs)}, processes ${ms(result.processesMs)}`,
  );
  report({
    name: '(g) distributed per-task cost vs the bare JetStream round trip (the floor)',
    measured: `${ms(result.distributedMs)} vs ${ms(result.floorMs)}`,
    ratio: result.distributedMs / result.floorMs,
    target: '<= 3',
    met: result.distributedMs / result.floorMs <= 3,
  });
  report({
    name: '(g) distributed per-task cost vs the process pool (what the broker adds)',
    measured: `${ms(result.distributedMs)} vs ${ms(result.processesMs)}`,
    ratio: result.distributedMs / result.processesMs,
    target: 'reported, no target',
    met: true,
  });
  const [first] = result.scaling;
  for (const step of result.scaling) {
    const ideal = Math.min(step.workers, cores);
    const ratio = step.perSecond / first!.perSecond / ideal;
    report({
      name: `(h) distributed throughput with ${step.workers} local worker${step.workers === 1 ? '' : 's'}`,
      measured: `${step.perSecond.toFixed(1)} tasks/s, ${(step.perSecond / first!.perSecond).toFixed(2)}x one worker, ideal ${ideal}x`,
      ratio,
      target: '>= 0.8 of ideal',
      met: ratio >= 0.8,
    });
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const size = (arg: string | undefined): number | undefined => (arg ? Number(arg) : undefined);
  console.log(`Concurrency Lab benchmarks — ${cores} cores, Node ${process.version}\n`);
  if (only === 'streaming') {
    await streaming();
  } else if (only === 'distributed') {
    await distributed(process.argv[3] ? Number(process.argv[3]) : undefined);
  } else if (only === 'cancel') {
    await cancelLatency();
  } else if (only === 'zoom') {
    await timelineZoom(process.argv[3] ? Number(process.argv[3]) : undefined);
  } else if (only === 'room') {
    await room(size(process.argv[3]), size(process.argv[4]), process.argv[5]);
  } else if (only === 'python') {
    await python(size(process.argv[3]), size(process.argv[4]));
  } else {
    await tinyTaskThroughput();
    await cpuSpeedup();
    await asyncHttp();
    await distributed();
    await cancelLatency();
    await python();
    if (only !== 'engine') {
      await streaming();
      await room();
      await timelineZoom();
    }
  }
  const missed = lines.filter((line) => !line.met);
  console.log(`\n${lines.length - missed.length} of ${lines.length} targets met.`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}

void main();
