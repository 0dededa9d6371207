/**
 * The `distributed` model: tasks go through a NATS JetStream work queue to worker processes that may run
 * on other machines. start() brings up the broker (a private nats-server, or a running one), the lab's
 * connection and queue, and the local workers, and waits until they joined: that is the start-up, like a
 * pool's. A worker that goes silent is lost and its tasks are redelivered after the ack deadline; a local
 * one is replaced. The server dying fails the run, naming the server; close() stops every process it started.
 */
import { hostname } from 'node:os';
import type { Subscription } from '@nats-io/transport-node';
import type { Lane } from '../../../../shared/results';
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import {
  MAX_CONTROL_BYTES,
  decodeMessage,
  taskAdvisorySchema,
} from '../../../../workers/protocol/distributed/messages';
import { TASK_ADVISORIES } from '../../../../workers/protocol/distributed/subjects';
import type {
  ChildUsage,
  Executor,
  RunEnd,
  TaskEventListener,
  TaskList,
} from '../../../../workers/protocol/executor';
import { CancelledError } from '../../errors';
import { describePlacement, runRemarks, type StartupSplit } from './distributed-notes';
import { DistributedRun, type RunContext } from './distributed-run';
import type { DeliveryStats, DistributedExecutorOptions } from './executor-options';
import { LabBroker } from './lab-broker';
import { LocalWorkers } from './local-workers';
import { startNatsServer, type NatsServerProcess } from './nats-server-process';
import { foreignProcessUsage } from './process-usage';
import { StartGate } from './start-gate';
import type { RosterWorker, WorkerInfo } from './worker-roster';
import { WorkerWatch } from './worker-watch';

/** How long the lab waits for a dropped connection to come back before the run fails. */
const RECONNECT_GRACE_MS = 2000;

/** Runs tasks on distributed workers through NATS JetStream. */
export class DistributedExecutor implements Executor {
  readonly model = 'distributed' as const;
  private readonly options: Required<
    Pick<DistributedExecutorOptions, 'ackWaitMs' | 'maxDeliver' | 'heartbeatTimeoutMs' | 'startTimeoutMs'>
  > &
    DistributedExecutorOptions;
  private readonly labHost = hostname();
  private readonly lifetime = new AbortController();
  private readonly subscriptions: Subscription[] = [];
  private server: NatsServerProcess | null = null;
  private broker: LabBroker | null = null;
  private watch: WorkerWatch | null = null;
  private locals: LocalWorkers | null = null;
  private readonly joinedLocals = new Set<string>();
  private localFailure: string | null = null;
  private active: DistributedRun | null = null;
  private starting: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private fatalError: Error | null = null;
  private gate: StartGate | null = null;
  private queueLaneIndex: number | null = null;
  private atRun: { readonly placement: string; readonly workers: number } | null = null;
  private lastStats: DeliveryStats = { redelivered: 0, duplicatesIgnored: 0 };
  private startup: StartupSplit | null = null;
  private readonly stayLocal: string | null;

  constructor(options: DistributedExecutorOptions) {
    this.options = {
      ackWaitMs: 5000,
      maxDeliver: 5,
      heartbeatTimeoutMs: 3500,
      startTimeoutMs: 20_000,
      ...options,
    };
    this.stayLocal = options.stayLocal ?? null;
  }

  /** Where tasks run, in words, as of the last run (or now, before one). */
  get placement(): string {
    return this.atRun?.placement ?? this.describePlacement();
  }

  /** Worker processes able to take tasks when the last run started. */
  get workers(): number {
    return this.atRun?.workers ?? this.takers().length;
  }

  /** The URL of the server in use, once started. */
  get serverUrl(): string | null {
    return this.broker?.url ?? null;
  }

  start(): Promise<void> {
    this.starting ??= this.startUp();
    return this.starting;
  }

  async run(tasks: TaskList, listener: TaskEventListener, signal: AbortSignal): Promise<RunEnd> {
    if (this.closing) throw new Error('the distributed executor is closed');
    if (this.fatalError) throw this.fatalError;
    if (!this.broker || !this.watch) throw new Error('the distributed executor was not started');
    if (this.active) throw new Error('the distributed executor is already running tasks');
    if (signal.aborted) throw new CancelledError();
    const { roster } = this.watch;
    this.atRun = { placement: this.describePlacement(), workers: this.takers().length };
    for (const worker of roster.all())
      if (this.takesTasks(worker)) listener({ type: 'lane', lane: roster.lane(worker) });
    const run = new DistributedRun(this.runContext(this.broker, this.watch), tasks, listener);
    this.active = run;
    const onAbort = (): void => run.cancel();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await run.execute();
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.active = null;
      this.lastStats = { redelivered: run.ledger.redeliveries, duplicatesIgnored: run.ledger.duplicates };
      await run.dispose();
    }
  }

  childUsage(): ChildUsage {
    let cpuMs = 0;
    let rssBytes = 0;
    for (const worker of this.watch?.roster.all() ?? []) {
      if (!worker.local || !worker.usage) continue;
      cpuMs += (worker.usage.cpuUserUs + worker.usage.cpuSystemUs) / 1000;
      if (worker.state !== 'lost' && worker.state !== 'leaving') rssBytes += worker.usage.rssBytes;
    }
    // The private broker's cost is part of this model's cost on this machine.
    const server = this.server ? foreignProcessUsage(this.server.pid) : null;
    return { cpuMs: cpuMs + (server?.cpuMs ?? 0), rssBytes: rssBytes + (server?.rssBytes ?? 0) };
  }

  /** Every worker seen, for the cluster panel. */
  describeWorkers(): WorkerInfo[] {
    return this.watch?.roster.describe() ?? [];
  }

  /** Redeliveries and duplicate results of the last run. */
  deliveryStats(): DeliveryStats {
    return this.lastStats;
  }

  /** What the Notes column says of the last run beside the table: redeliveries, duplicates, clocks, start-up. */
  remarks(): readonly string[] {
    return runRemarks({
      stats: this.lastStats,
      workers: this.watch?.roster.all() ?? [],
      startup: this.startup,
      stayLocal: this.stayLocal,
    });
  }

  /** Process ids of its local workers still running (never a worker that joined from elsewhere). */
  localPids(): number[] {
    return this.locals?.pids() ?? [];
  }

  /** Process ids this executor started (its nats-server and local workers) that are still running. */
  processIds(): number[] {
    return [...(this.server ? [this.server.pid] : []), ...(this.locals?.pids() ?? [])];
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async startUp(): Promise<void> {
    const { broker: choice } = this.options;
    if (choice.kind === 'unavailable') throw new Error(choice.reason);
    if (this.stayLocal !== null && this.options.localWorkers === 0)
      throw new Error(
        `only this machine's workers may take these tasks (${this.stayLocal}), and --workers 0 starts none: give --workers 1 or more`,
      );
    const startedAt = performance.now();
    let connection: ConnectionSettings;
    if (choice.kind === 'private') {
      const server = await startNatsServer({
        binary: choice.binary,
        tempRoot: choice.tempRoot,
        signal: this.lifetime.signal,
      });
      this.server = server;
      server.onExit((reason) => this.fatal(new Error(`the NATS server (private, ${server.url}) ${reason}`)));
      connection = { url: server.url, auth: { kind: 'none' } };
    } else connection = choice.connection;
    this.checkAlive();
    const broker = await LabBroker.connect(connection, `concurrency-lab ${this.labHost} pid ${process.pid}`);
    this.broker = broker;
    if (this.closing) await broker.close();
    this.checkAlive();
    broker.onLost(RECONNECT_GRACE_MS, (detail) =>
      this.fatal(new Error(`lost the connection to the NATS server at ${broker.url}${detail}`)),
    );
    await broker.ensureQueue({ ackWaitMs: this.options.ackWaitMs, maxDeliver: this.options.maxDeliver });
    this.checkAlive();
    this.listenForAdvisories(broker);
    const brokerMs = performance.now() - startedAt;
    this.watch = this.watchWorkers(broker);
    this.locals = new LocalWorkers({
      script: this.options.workerScript,
      spawner: this.options.spawner,
      connection,
      queue: this.stayLocal === null ? 'shared' : 'local',
      memoryMb: this.options.memoryMb,
      events: {
        joined: (id) => {
          this.joinedLocals.add(id);
          this.gate?.check();
        },
        failed: (id, reason) => this.localFailed(id, reason),
        exited: (id, reason) => this.localExited(id, reason),
        log: (id, line) => this.log(`${this.labelOf(id)}: ${line}`),
      },
    });
    this.watch.start();
    for (let i = 0; i < this.options.localWorkers; i++) this.locals.spawn();
    const workersFrom = performance.now();
    await this.waitForWorkers();
    this.startup = { brokerMs, workersMs: performance.now() - workersFrom };
  }

  private watchWorkers(broker: LabBroker): WorkerWatch {
    return new WorkerWatch(
      broker,
      {
        labVersion: this.options.labVersion,
        labHost: this.labHost,
        heartbeatTimeoutMs: this.options.heartbeatTimeoutMs,
        isLocal: (id) => this.locals?.has(id) ?? false,
      },
      {
        joined: (worker) => this.announce(worker),
        clockKnown: (worker) => {
          if (!worker.sameHost) this.announce(worker);
          this.gate?.check();
        },
        gone: (worker, reason) => this.gone(worker, reason),
        back: (worker) => this.announce(worker),
        refused: (line) => this.log(line),
        log: (line) => this.log(line),
      },
    );
  }

  private checkAlive(): void {
    if (this.closing || this.lifetime.signal.aborted) throw new CancelledError();
    if (this.fatalError) throw this.fatalError;
  }

  private listenForAdvisories(broker: LabBroker): void {
    const on = (subject: string, why: (deliveries: number) => string): Subscription =>
      broker.nc.subscribe(subject, {
        callback: (error, msg) => {
          if (error) return;
          const decoded = decodeMessage(taskAdvisorySchema, msg.data, MAX_CONTROL_BYTES);
          if (!decoded.ok) return;
          const deliveries = decoded.value.deliveries ?? this.options.maxDeliver;
          this.active?.taskAbandoned(decoded.value.stream_seq, why(deliveries));
        },
      });
    this.subscriptions.push(
      on(TASK_ADVISORIES.maxDeliveries, (n) => `no worker finished it in ${n} deliveries`),
      on(TASK_ADVISORIES.terminated, () => 'a worker refused it'),
    );
  }

  private activeWorkers(): RosterWorker[] {
    return this.watch?.roster.active() ?? [];
  }

  /** Whether a worker may take this executor's tasks: any, unless they must stay on this machine. */
  private takesTasks(worker: RosterWorker): boolean {
    return this.stayLocal === null || worker.local;
  }

  /** Active workers that may take this executor's tasks. */
  private takers(): RosterWorker[] {
    return this.activeWorkers().filter((worker) => this.takesTasks(worker));
  }

  private labelOf(id: string): string {
    const worker = this.watch?.roster.get(id);
    return worker ? this.watch!.roster.lane(worker).label : id;
  }

  private announce(worker: RosterWorker): void {
    if (this.watch && this.takesTasks(worker)) this.active?.lane(this.watch.roster.lane(worker));
  }

  private waitForWorkers(): Promise<void> {
    const { localWorkers, startTimeoutMs } = this.options;
    const url = this.broker!.url;
    this.gate = new StartGate({
      ready: () =>
        localWorkers > 0
          ? this.readyLocals() >= localWorkers
          : this.activeWorkers().some((worker) => worker.clock.known),
      failure: () => this.localFailure,
      timeoutMs: startTimeoutMs,
      timedOut: () =>
        localWorkers > 0
          ? `${localWorkers - this.readyLocals()} of ${localWorkers} local workers did not join ${url} within ${startTimeoutMs} ms`
          : `no worker joined ${url} within ${startTimeoutMs} ms: start one with concurrency-lab worker --server ${url}`,
      signal: this.lifetime.signal,
    });
    return this.gate.opened.finally(() => (this.gate = null));
  }

  /** Local workers that joined over NATS and whose clock was measured. */
  private readyLocals(): number {
    let ready = 0;
    for (const id of this.joinedLocals) if (this.watch?.roster.get(id)?.clock.known) ready++;
    return ready;
  }

  private localFailed(id: string, reason: string): void {
    this.log(`a local worker could not join: ${reason}`);
    if (!this.joinedLocals.has(id)) {
      this.localFailure = `a local worker could not join: ${reason}`;
      this.gate?.check();
    }
  }

  private localExited(id: string, reason: string): void {
    const worker = this.watch?.roster.get(id);
    if (!this.joinedLocals.has(id) || !worker) {
      // It never joined: during start-up that fails the start; later a replacement that dies at birth stops the cycle.
      this.localFailure ??= `a local worker process ${reason} before it joined`;
      this.gate?.check();
      if (this.active && this.takers().length === 0)
        this.fatal(
          new Error(`every worker is gone: the last local worker process ${reason} before it joined`),
        );
      return;
    }
    this.watch!.markGone(worker, `worker process ${reason}`, 'lost');
  }

  /** A worker is gone (silent, exited, or left): its lane says so, its tasks are redelivered, a local one is replaced. */
  private gone(worker: RosterWorker, reason: string): void {
    this.announce(worker);
    if (worker.state === 'lost')
      this.log(`${this.labelOf(worker.id)}: ${reason}; its tasks go back to the queue`);
    this.active?.workerLost(worker, `${reason}; the task goes back to the queue`);
    if (worker.local && !this.closing && this.locals) {
      this.locals.kill(worker.id);
      this.locals.spawn();
    }
  }

  private fatal(error: Error): void {
    if (this.fatalError || this.closing) return;
    this.fatalError = error;
    this.active?.fail(error);
    this.gate?.fail(error);
  }

  private runContext(broker: LabBroker, watch: WorkerWatch): RunContext {
    return {
      broker,
      queue: this.stayLocal === null ? 'shared' : 'local',
      ackWaitMs: this.options.ackWaitMs,
      taskTimeoutMs: this.options.taskTimeoutMs,
      workerFor: (ref) => watch.join({ workerId: ref.workerId, host: ref.host, pid: ref.pid }),
      worker: (id) => watch.roster.get(id),
      laneOf: (worker) => watch.roster.lane(worker),
      queueLane: () => {
        if (this.queueLaneIndex === null) {
          this.queueLaneIndex = watch.roster.reserveLane();
          this.active?.lane(this.queueLaneLabel());
        }
        return this.queueLaneIndex;
      },
      stopWorker: (worker) => {
        if (worker.local) watch.markGone(worker, 'stopped: its task timed out', 'lost');
      },
      log: (line) => this.log(line),
    };
  }

  private queueLaneLabel(): Lane {
    return { index: this.queueLaneIndex!, label: `queue on ${this.broker?.url ?? 'the NATS server'}` };
  }

  private describePlacement(): string {
    const { broker } = this.options;
    return describePlacement({
      active: this.takers(),
      through: broker.kind === 'existing' ? `NATS at ${broker.connection.url}` : 'a private NATS server',
      stayLocal: this.stayLocal,
    });
  }

  private log(line: string): void {
    (this.options.log ?? ((text: string) => console.warn(`distributed: ${text}`)))(line);
  }

  private async shutDown(): Promise<void> {
    this.lifetime.abort();
    this.active?.cancel();
    this.watch?.close();
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    const teardown = async (): Promise<void> => {
      await Promise.all([this.locals?.close(), this.broker?.close()]);
      await this.server?.stop();
    };
    await teardown();
    // A start still under way gives up at its next step; whatever it made meanwhile is stopped too.
    await this.starting?.catch(() => undefined);
    this.watch?.close();
    await teardown();
  }
}
