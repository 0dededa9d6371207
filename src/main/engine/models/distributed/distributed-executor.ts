/**
 * The `distributed` model: tasks go through a NATS JetStream work queue to worker processes that may run
 * on other machines. start() brings up the broker (a private nats-server, or a running one), the lab's
 * connection and queue, and the local workers, and waits until they joined: that is the start-up, like a
 * pool's. A worker that goes silent is lost and its tasks are redelivered after the ack deadline; a local
 * one is replaced. The server dying fails the run, naming the server; close() stops every process it started.
 */
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { epochNow } from '../../../../shared/clock';
import type { Lane } from '../../../../shared/results';
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import {
  MAX_CONTROL_BYTES,
  clockReplySchema,
  decodeMessage,
  heartbeatSchema,
  taskAdvisorySchema,
  type WorkerIdentity,
} from '../../../../workers/protocol/distributed/messages';
import {
  PROTOCOL_VERSION,
  SUBJECTS,
  TASK_ADVISORIES,
} from '../../../../workers/protocol/distributed/subjects';
import { CancelledError } from '../../errors';
import type {
  ChildUsage,
  Executor,
  RunEnd,
  TaskEventListener,
  TaskSpec,
} from '../../../../workers/protocol/executor';
import type { ProcessSpawner } from '../process-spawner';
import { DistributedRun, type RunContext } from './distributed-run';
import { LabBroker } from './lab-broker';
import { LocalWorkers } from './local-workers';
import { startNatsServer, type NatsServerProcess } from './nats-server-process';
import { foreignProcessUsage } from './process-usage';
import { WorkerRoster, type RosterWorker } from './worker-roster';

/** The model id; it joins ModelId when the model registry lists the distributed model. */
export const DISTRIBUTED_MODEL = 'distributed';

/** Where the broker comes from. */
export type BrokerChoice =
  /** Start a private nats-server -js on 127.0.0.1 for the run, and stop it after. */
  | { readonly kind: 'private'; readonly binary: string; readonly tempRoot?: string }
  /** Use a server that is already running (a room's `concurrency-lab cluster`). */
  | { readonly kind: 'existing'; readonly connection: ConnectionSettings };

/** Settings of a distributed executor. */
export interface DistributedExecutorOptions {
  readonly broker: BrokerChoice;
  /** Worker processes to start on this machine; 0 uses only workers that joined. */
  readonly localWorkers: number;
  /** The built distributed worker host (out/main/distributed-worker.js). */
  readonly workerScript: string;
  readonly spawner: ProcessSpawner;
  readonly labVersion: string;
  readonly taskTimeoutMs: number | null;
  readonly memoryMb?: number;
  /** A delivery not acked or kept alive within this goes to another worker (default 5 s). */
  readonly ackWaitMs?: number;
  /** Deliveries of a task before it fails (default 5). */
  readonly maxDeliver?: number;
  /** Silence after which a worker is lost (default 3.5 s; workers beat every second). */
  readonly heartbeatTimeoutMs?: number;
  /** How long start() waits for its workers (default 20 s). */
  readonly startTimeoutMs?: number;
  /** Where rejected messages, refused workers and lost workers are reported (default: stderr). */
  readonly log?: (line: string) => void;
}

/** A worker as the cluster panel shows it. */
export interface DistributedWorkerInfo {
  readonly host: string;
  readonly pid: number;
  readonly cores: number;
  readonly local: boolean;
  readonly state: RosterWorker['state'];
  readonly lastSeen: number;
  readonly tasksDone: number;
  /** How far its clock is ahead of the lab's, and how sure that is (null until a ping came back). */
  readonly clockOffsetMs: number | null;
  readonly clockUncertaintyMs: number | null;
}

/** At-least-once delivery in numbers, for the notes of a run. */
export interface DeliveryStats {
  readonly redelivered: number;
  readonly duplicatesIgnored: number;
}

const CLOCK_PINGS_AT_JOIN = 5;
const CLOCK_PING_EVERY_MS = 5000;
const WATCHDOG_MS = 250;
/** How long the lab waits for a dropped connection to come back before the run fails. */
const RECONNECT_GRACE_MS = 2000;

interface StartWaiter {
  check(): void;
  fail(error: Error): void;
}

/** Runs tasks on distributed workers through NATS JetStream. */
export class DistributedExecutor implements Omit<Executor, 'model'> {
  readonly model = DISTRIBUTED_MODEL;
  private readonly options: Required<
    Pick<DistributedExecutorOptions, 'ackWaitMs' | 'maxDeliver' | 'heartbeatTimeoutMs' | 'startTimeoutMs'>
  > &
    DistributedExecutorOptions;
  private readonly labHost = hostname();
  private readonly roster = new WorkerRoster(this.labHost);
  private readonly lifetime = new AbortController();
  private readonly subscriptions: Subscription[] = [];
  private server: NatsServerProcess | null = null;
  private broker: LabBroker | null = null;
  private locals: LocalWorkers | null = null;
  private readonly joinedLocals = new Set<string>();
  private localFailure: string | null = null;
  private active: DistributedRun | null = null;
  private starting: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private fatalError: Error | null = null;
  private waiter: StartWaiter | null = null;
  private watchdog: NodeJS.Timeout | undefined;
  private queueLaneIndex: number | null = null;
  private atRun: { readonly placement: string; readonly workers: number } | null = null;
  private lastStats: DeliveryStats = { redelivered: 0, duplicatesIgnored: 0 };
  private readonly lastPing = new Map<string, number>();

  constructor(options: DistributedExecutorOptions) {
    this.options = {
      ackWaitMs: 5000,
      maxDeliver: 5,
      heartbeatTimeoutMs: 3500,
      startTimeoutMs: 20_000,
      ...options,
    };
  }

  /** Where tasks run, in words, as of the last run (or now, before one). */
  get placement(): string {
    return this.atRun?.placement ?? this.describePlacement();
  }

  /** Worker processes able to take tasks when the last run started. */
  get workers(): number {
    return this.atRun?.workers ?? this.roster.active().length;
  }

  /** The URL of the server in use, once started. */
  get serverUrl(): string | null {
    return this.broker?.url ?? null;
  }

  start(): Promise<void> {
    this.starting ??= this.startUp();
    return this.starting;
  }

  async run(tasks: readonly TaskSpec[], listener: TaskEventListener, signal: AbortSignal): Promise<RunEnd> {
    if (this.closing) throw new Error('the distributed executor is closed');
    if (this.fatalError) throw this.fatalError;
    if (!this.broker) throw new Error('the distributed executor was not started');
    if (this.active) throw new Error('the distributed executor is already running tasks');
    if (signal.aborted) throw new CancelledError();
    this.atRun = { placement: this.describePlacement(), workers: this.roster.active().length };
    for (const worker of this.roster.all()) listener({ type: 'lane', lane: this.roster.lane(worker) });
    const run = new DistributedRun(this.runContext(this.broker), tasks, listener);
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
    for (const worker of this.roster.all()) {
      if (!worker.local || !worker.usage) continue;
      cpuMs += (worker.usage.cpuUserUs + worker.usage.cpuSystemUs) / 1000;
      if (worker.state !== 'lost' && worker.state !== 'leaving') rssBytes += worker.usage.rssBytes;
    }
    // The private broker's cost is part of this model's cost on this machine.
    const server = this.server ? foreignProcessUsage(this.server.pid) : null;
    return { cpuMs: cpuMs + (server?.cpuMs ?? 0), rssBytes: rssBytes + (server?.rssBytes ?? 0) };
  }

  /** Every worker seen, for the cluster panel. */
  describeWorkers(): DistributedWorkerInfo[] {
    return this.roster.all().map((worker) => ({
      host: worker.host,
      pid: worker.pid,
      cores: worker.cores,
      local: worker.local,
      state: worker.state,
      lastSeen: worker.lastSeen,
      tasksDone: worker.tasksDone,
      clockOffsetMs: worker.clock.known ? worker.clock.offsetMs : null,
      clockUncertaintyMs: worker.clock.known ? worker.clock.uncertaintyMs : null,
    }));
  }

  /** Redeliveries and duplicate results of the last run. */
  deliveryStats(): DeliveryStats {
    return this.lastStats;
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
    this.broker = await LabBroker.connect(connection, `concurrency-lab ${this.labHost} pid ${process.pid}`);
    if (this.closing) await this.broker.close();
    this.checkAlive();
    this.watchConnection(this.broker.nc, this.broker.url);
    await this.broker.ensureQueue({ ackWaitMs: this.options.ackWaitMs, maxDeliver: this.options.maxDeliver });
    this.checkAlive();
    this.listen(this.broker);
    this.locals = new LocalWorkers({
      script: this.options.workerScript,
      spawner: this.options.spawner,
      connection,
      memoryMb: this.options.memoryMb,
      events: {
        joined: (id) => {
          this.joinedLocals.add(id);
          this.waiter?.check();
        },
        failed: (id, reason) => this.localFailed(id, reason),
        exited: (id, reason) => this.localExited(id, reason),
        log: (id, line) =>
          this.log(`${this.roster.get(id) ? this.roster.lane(this.roster.get(id)!).label : id}: ${line}`),
      },
    });
    for (let i = 0; i < this.options.localWorkers; i++) this.locals.spawn();
    this.broker.nc.publish(SUBJECTS.rollCall);
    await this.waitForWorkers();
    this.watchdog = setInterval(() => this.checkWorkers(), WATCHDOG_MS);
  }

  private checkAlive(): void {
    if (this.closing || this.lifetime.signal.aborted) throw new CancelledError();
    if (this.fatalError) throw this.fatalError;
  }

  private listen(broker: LabBroker): void {
    const { nc } = broker;
    this.subscriptions.push(
      broker.answerHellos(this.options.labVersion, {
        accepted: (identity) => this.joined(identity),
        refused: (line) => this.log(line),
      }),
      nc.subscribe(SUBJECTS.heartbeat, {
        callback: (error, msg) => void (!error && this.onHeartbeat(msg.data)),
      }),
      nc.subscribe(TASK_ADVISORIES.maxDeliveries, {
        callback: (error, msg) =>
          void (!error && this.onAdvisory(msg.data, (n) => `no worker finished it in ${n} deliveries`)),
      }),
      nc.subscribe(TASK_ADVISORIES.terminated, {
        callback: (error, msg) => void (!error && this.onAdvisory(msg.data, () => 'a worker refused it')),
      }),
    );
  }

  private onHeartbeat(data: Uint8Array): void {
    const decoded = decodeMessage(heartbeatSchema, data, MAX_CONTROL_BYTES);
    if (!decoded.ok) {
      this.log(`rejected a heartbeat: ${decoded.problem}`);
      return;
    }
    const beat = decoded.value;
    // A worker of another protocol version was refused at its hello; its heartbeats mean nothing here.
    if (beat.protocol !== PROTOCOL_VERSION) return;
    const worker = this.joined(beat);
    if (worker.state === 'leaving' || (worker.state === 'lost' && worker.local)) return;
    if (worker.state === 'lost') {
      // A worker on another machine that went quiet (a network hiccup, a sleeping laptop) is back.
      worker.state = beat.state === 'busy' ? 'busy' : 'idle';
      this.announce(worker);
    }
    worker.lastSeen = epochNow();
    if (beat.usage) worker.usage = beat.usage;
    if (beat.state === 'leaving') this.lost(worker, 'left the lab', 'leaving');
    else worker.state = beat.state;
  }

  private onAdvisory(data: Uint8Array, why: (deliveries: number) => string): void {
    const decoded = decodeMessage(taskAdvisorySchema, data, MAX_CONTROL_BYTES);
    if (!decoded.ok) return;
    this.active?.taskAbandoned(
      decoded.value.stream_seq,
      why(decoded.value.deliveries ?? this.options.maxDeliver),
    );
  }

  /** A worker said hello or beat: it joins the roster (once), gets a lane, and its clock is measured. */
  private joined(
    identity: Pick<WorkerIdentity, 'workerId' | 'host' | 'pid'> & Partial<WorkerIdentity>,
  ): RosterWorker {
    const local = this.locals?.has(identity.workerId) ?? false;
    const { worker, isNew } = this.roster.join(identity, local, epochNow());
    if (isNew) {
      this.announce(worker);
      void this.measureClock(worker, CLOCK_PINGS_AT_JOIN);
    }
    return worker;
  }

  private announce(worker: RosterWorker): void {
    this.active?.lane(this.roster.lane(worker));
  }

  private async measureClock(worker: RosterWorker, pings: number): Promise<void> {
    const nc = this.broker?.nc;
    if (!nc) return;
    const before = worker.clock.known;
    let failures = 0;
    for (let i = 0; i < pings && !nc.isClosed() && !this.closing; i++) {
      const sentAt = epochNow();
      try {
        const reply = await nc.request(SUBJECTS.clock(worker.id), undefined, { timeout: 1000 });
        const receivedAt = epochNow();
        const decoded = decodeMessage(clockReplySchema, reply.data, MAX_CONTROL_BYTES);
        if (decoded.ok) worker.clock.add({ sentAt, receivedAt, remoteAt: decoded.value.at });
      } catch {
        // Not answering (yet, or any more): the heartbeat watchdog decides whether it is gone.
        if (++failures >= 3) break;
        i--;
        await delay(100);
      }
    }
    this.lastPing.set(worker.id, epochNow());
    if (!before && worker.clock.known) {
      if (!worker.sameHost) this.announce(worker);
      this.waiter?.check();
    }
  }

  private waitForWorkers(): Promise<void> {
    const { localWorkers, startTimeoutMs } = this.options;
    const url = this.broker!.url;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const missing =
          localWorkers > 0
            ? `${localWorkers - this.readyLocals()} of ${localWorkers} local workers did not join ${url}`
            : `no worker joined ${url}: start one with concurrency-lab worker --server ${url}`;
        settle(new Error(`${missing} within ${startTimeoutMs} ms`));
      }, startTimeoutMs);
      const onAbort = (): void => settle(new CancelledError());
      this.lifetime.signal.addEventListener('abort', onAbort, { once: true });
      const settle = (error?: Error): void => {
        clearTimeout(timer);
        this.lifetime.signal.removeEventListener('abort', onAbort);
        this.waiter = null;
        if (error) reject(error);
        else resolve();
      };
      this.waiter = {
        check: () => {
          if (this.localFailure) return settle(new Error(this.localFailure));
          const ready =
            localWorkers > 0
              ? this.readyLocals() >= localWorkers
              : this.roster.active().some((worker) => worker.clock.known);
          if (ready) settle();
        },
        fail: (error) => settle(error),
      };
      this.waiter.check();
    });
  }

  /** Local workers that joined over NATS and whose clock was measured. */
  private readyLocals(): number {
    let ready = 0;
    for (const id of this.joinedLocals) if (this.roster.get(id)?.clock.known) ready++;
    return ready;
  }

  private localFailed(id: string, reason: string): void {
    this.log(`a local worker could not join: ${reason}`);
    if (!this.joinedLocals.has(id)) {
      this.localFailure = `a local worker could not join: ${reason}`;
      this.waiter?.check();
    }
  }

  private localExited(id: string, reason: string): void {
    const worker = this.roster.get(id);
    if (!this.joinedLocals.has(id) || !worker) {
      // It never joined: during start-up that fails the start; later a replacement that dies at birth stops the cycle.
      this.localFailure ??= `a local worker process ${reason} before it joined`;
      this.waiter?.check();
      if (this.active && this.roster.active().length === 0)
        this.fatal(
          new Error(`every worker is gone: the last local worker process ${reason} before it joined`),
        );
      return;
    }
    this.lost(worker, `worker process ${reason}`, 'lost');
  }

  /** A worker is gone (silent, exited, or left): its lane says so, its tasks are redelivered, a local one is replaced. */
  private lost(worker: RosterWorker, reason: string, state: 'lost' | 'leaving'): void {
    if (worker.state === 'lost' || worker.state === 'leaving') return;
    worker.state = state;
    const lane = this.roster.lane(worker);
    this.announce(worker);
    if (state === 'lost') this.log(`${lane.label}: ${reason}; its tasks go back to the queue`);
    this.active?.workerLost(worker, `${reason}; the task goes back to the queue`);
    if (worker.local && !this.closing && this.locals) {
      this.locals.kill(worker.id);
      this.locals.spawn();
    }
  }

  private checkWorkers(): void {
    const now = epochNow();
    for (const worker of this.roster.active()) {
      const silentMs = now - worker.lastSeen;
      if (silentMs > this.options.heartbeatTimeoutMs) {
        this.lost(worker, `no heartbeat for ${(silentMs / 1000).toFixed(1)} s`, 'lost');
      } else if (now - (this.lastPing.get(worker.id) ?? 0) > CLOCK_PING_EVERY_MS) {
        this.lastPing.set(worker.id, now);
        void this.measureClock(worker, 1);
      }
    }
  }

  private watchConnection(nc: NatsConnection, url: string): void {
    let grace: NodeJS.Timeout | undefined;
    const lostServer = (detail: string): void =>
      this.fatal(new Error(`lost the connection to the NATS server at ${url}${detail}`));
    void (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'disconnect' && !grace) {
          grace = setTimeout(
            () => lostServer(` (gone for ${RECONNECT_GRACE_MS / 1000} s)`),
            RECONNECT_GRACE_MS,
          );
          grace.unref();
        } else if (status.type === 'reconnect') {
          clearTimeout(grace);
          grace = undefined;
        }
      }
    })().catch(() => undefined);
    void nc.closed().then((error) => {
      clearTimeout(grace);
      if (!this.closing) lostServer(error ? `: ${error.message}` : '');
    });
  }

  private fatal(error: Error): void {
    if (this.fatalError || this.closing) return;
    this.fatalError = error;
    this.active?.fail(error);
    this.waiter?.fail(error);
  }

  private runContext(broker: LabBroker): RunContext {
    return {
      broker,
      ackWaitMs: this.options.ackWaitMs,
      taskTimeoutMs: this.options.taskTimeoutMs,
      workerFor: (ref) => this.joined({ workerId: ref.workerId, host: ref.host, pid: ref.pid }),
      worker: (id) => this.roster.get(id),
      laneOf: (worker) => this.roster.lane(worker),
      queueLane: () => {
        if (this.queueLaneIndex === null) {
          this.queueLaneIndex = this.roster.reserveLane();
          this.active?.lane(this.queueLaneLabel());
        }
        return this.queueLaneIndex;
      },
      stopWorker: (worker) => {
        if (worker.local) this.lost(worker, 'stopped: its task timed out', 'lost');
      },
      log: (line) => this.log(line),
    };
  }

  private queueLaneLabel(): Lane {
    return { index: this.queueLaneIndex!, label: `queue on ${this.broker?.url ?? 'the NATS server'}` };
  }

  private describePlacement(): string {
    const active = this.roster.active();
    const local = active.filter((worker) => worker.local).length;
    const joined = active.length - local;
    const processes = (n: number): string => `${n} worker process${n === 1 ? '' : 'es'}`;
    const workers =
      joined === 0
        ? `${processes(local)} on this machine`
        : `${local} local + ${processes(joined)} that joined`;
    return this.options.broker.kind === 'private'
      ? `${workers}, through a private NATS server`
      : `${workers}, through NATS at ${this.options.broker.connection.url}`;
  }

  private log(line: string): void {
    (this.options.log ?? ((text: string) => console.warn(`distributed: ${text}`)))(line);
  }

  private async shutDown(): Promise<void> {
    this.lifetime.abort();
    clearInterval(this.watchdog);
    this.active?.cancel();
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    const teardown = async (): Promise<void> => {
      await Promise.all([this.locals?.close(), this.broker?.close()]);
      await this.server?.stop();
    };
    await teardown();
    // A start still under way gives up at its next step; whatever it made meanwhile is stopped too.
    await this.starting?.catch(() => undefined);
    await teardown();
  }
}
