/**
 * A distributed worker: joins the lab (hello, refused on another protocol version), then pulls one task
 * at a time from the work queue, runs its workload by name, publishes the result and acks the task.
 * Long tasks keep their delivery alive with working(); a task that is malformed or oversized is
 * terminated and logged, never run; anything that arrives on a control subject is validated first.
 */
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import type { NatsConnection, Msg, Subscription } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { epochNow } from '../../shared/clock';
import { createInlineContext } from '../calling-thread/inline-context';
import type { HostUsage } from '../protocol/host-messages';
import { runWorkload } from '../workloads';
import {
  connectToServer,
  type ConnectionSettings,
  type ReconnectPolicy,
} from '../protocol/distributed/connection';
import {
  MAX_CONTROL_BYTES,
  MAX_PAYLOAD_BYTES,
  cancelMessageSchema,
  decodeMessage,
  helloReplySchema,
  taskMessageSchema,
  type Heartbeat,
  type ResultMessage,
  type TaskMessage,
  type WorkerIdentity,
} from '../protocol/distributed/messages';
import {
  PROTOCOL_VERSION,
  QUEUE_CONSUMERS,
  SUBJECTS,
  TASK_STREAM,
  type TaskQueue,
  WORKER_INBOX_PREFIX,
} from '../protocol/distributed/subjects';
import type { TaskPolicy } from '../protocol/distributed/worker-host';
import { taskRefusal } from './task-policy';
import { encodeWire } from '../protocol/distributed/wire-codec';

/** The lab refused this worker (another protocol version); the reason is meant for the user. */
export class WorkerRefusedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WorkerRefusedError';
  }
}

/** Everything a worker needs. */
export interface TaskWorkerOptions {
  readonly connection: ConnectionSettings;
  readonly identity: Omit<WorkerIdentity, 'protocol'>;
  readonly policy: TaskPolicy;
  /** The consumer it pulls from: every worker's (default), or the lab's own tasks (its local workers, on a local-only run). */
  readonly queue?: TaskQueue;
  readonly reconnect: ReconnectPolicy;
  /** Lines for the user: joined, waiting, rejected messages. */
  readonly log: (line: string) => void;
  /** CPU and memory of this process, sent with heartbeats and results. */
  readonly usage?: () => HostUsage;
  readonly heartbeatMs?: number;
  /** The protocol version this worker claims; only tests of a version mismatch set it. */
  readonly protocol?: number;
  /** This machine's clock (epoch ms); tests give a worker a clock that is off, as another machine's may be. */
  readonly clock?: () => number;
}

/** How long one pull request waits for a task before the next one is sent. */
const PULL_EXPIRES_MS = 5000;
/** How often a workload's checkpoint yields, so heartbeats, clock pings and working() keep flowing. */
const YIELD_EVERY_MS = 50;
/** Cancelled runs and tasks remembered, so their leftover deliveries are dropped without running. */
const CANCELLED_KEPT = 256;

interface RunningTask {
  readonly message: TaskMessage;
  readonly controller: AbortController;
}

/** One worker process's connection to the lab. */
export class TaskWorker {
  private readonly js: JetStreamClient;
  private readonly subscriptions: Subscription[] = [];
  private readonly running = new Map<string, RunningTask>();
  private readonly inFlight = new Set<JsMsg>();
  /** "runId" for a cancelled run, "runId/task" for a cancelled task (timed out: its redelivery must not run). */
  private readonly cancelled: string[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private tasksDone = 0;
  private stopping = false;
  private loop: Promise<void> = Promise.resolve();

  private readonly now: () => number;
  private readonly queue: TaskQueue;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly options: TaskWorkerOptions,
  ) {
    this.js = jetstream(nc, { timeout: 5000 });
    this.now = options.clock ?? epochNow;
    this.queue = options.queue ?? 'shared';
  }

  /** Connects, says hello (waiting until a lab answers), and starts pulling tasks. Rejects with WorkerRefusedError when refused. */
  static async start(options: TaskWorkerOptions): Promise<TaskWorker> {
    const nc = await TaskWorker.connect(options);
    const worker = new TaskWorker(nc, options);
    // Answer clock pings before saying hello: the lab measures the clock as soon as it accepts a worker.
    worker.answerClock();
    try {
      await worker.hello();
    } catch (error) {
      await nc.close().catch(() => undefined);
      throw error;
    }
    worker.listen();
    worker.loop = worker.pullLoop();
    return worker;
  }

  /**
   * Connects; a worker that keeps trying (another machine's) says once that the server cannot be reached
   * and tries again every two seconds, but gives up at once on a wrong password: retrying will not help.
   */
  private static async connect(options: TaskWorkerOptions): Promise<NatsConnection> {
    const { identity, connection } = options;
    let told = false;
    for (;;) {
      try {
        return await connectToServer(connection, {
          name: `concurrency-lab worker ${identity.host} pid ${identity.pid}`,
          inboxPrefix: WORKER_INBOX_PREFIX,
          reconnect: options.reconnect,
        });
      } catch (error) {
        const text = errorText(error);
        if (options.reconnect !== 'forever' || /authori[sz]ation|authentication|permission/i.test(text))
          throw error;
        if (!told) options.log(`cannot reach ${connection.url} yet (${text}); trying again every 2 s`);
        told = true;
        await delay(2000);
      }
    }
  }

  /** Resolves when the connection is closed (stop(), or the server is gone for good). */
  closed(): Promise<void> {
    return this.nc.closed().then(() => undefined);
  }

  /** Leaves: stops pulling, hands tasks in progress back to the queue at once, and closes the connection. */
  async stop(): Promise<void> {
    if (this.stopping) return this.closed();
    this.stopping = true;
    clearInterval(this.heartbeatTimer);
    for (const { controller } of this.running.values()) controller.abort();
    // nak(): redelivered now rather than after the ack deadline.
    for (const message of this.inFlight) message.nak();
    if (!this.nc.isClosed()) {
      this.nc.publish(SUBJECTS.heartbeat, encodeWire(this.heartbeat('leaving')));
      await this.nc.flush().catch(() => undefined);
    }
    await this.nc.close().catch(() => undefined);
    await this.loop.catch(() => undefined);
  }

  private identity(): WorkerIdentity {
    return { ...this.options.identity, protocol: this.options.protocol ?? PROTOCOL_VERSION };
  }

  private heartbeat(state: Heartbeat['state']): Heartbeat {
    return {
      ...this.identity(),
      state,
      running: this.running.size,
      tasksDone: this.tasksDone,
      sentAt: this.now(),
      ...(this.options.usage ? { usage: this.options.usage() } : {}),
    };
  }

  private async hello(): Promise<void> {
    let waited = false;
    for (;;) {
      try {
        const reply = await this.nc.request(SUBJECTS.hello, encodeWire(this.identity()), { timeout: 2000 });
        const decoded = decodeMessage(helloReplySchema, reply.data, MAX_CONTROL_BYTES);
        if (!decoded.ok)
          throw new WorkerRefusedError(`the lab answered with a malformed reply (${decoded.problem})`);
        const answer = decoded.value;
        if (!answer.accepted)
          throw new WorkerRefusedError(answer.reason ?? 'the lab refused this worker without a reason');
        const protocol = this.options.protocol ?? PROTOCOL_VERSION;
        if (answer.protocol !== protocol) {
          throw new WorkerRefusedError(
            `the lab speaks protocol ${answer.protocol} (Concurrency Lab ${answer.labVersion}); this worker speaks ${protocol} (Concurrency Lab ${this.options.identity.labVersion})`,
          );
        }
        return;
      } catch (error) {
        if (error instanceof WorkerRefusedError || this.nc.isClosed()) throw error;
        if (!waited) {
          this.options.log(
            `no lab answers on ${this.options.connection.url} yet: waiting (start a run with the distributed model there)`,
          );
          waited = true;
        }
        await delay(1000);
      }
    }
  }

  private answerClock(): void {
    // The clock is read first thing in the callback: the lab halves the round trip around it.
    this.subscriptions.push(
      this.nc.subscribe(SUBJECTS.clock(this.options.identity.workerId), {
        callback: (error, msg) => void (!error && msg.respond(encodeWire({ at: this.now() }))),
      }),
    );
  }

  private listen(): void {
    const reply = (handler: (msg: Msg) => void) => (error: Error | null, msg: Msg) => {
      if (!error) handler(msg);
    };
    this.subscriptions.push(
      this.nc.subscribe(SUBJECTS.rollCall, {
        callback: reply(() => this.sendHeartbeat()),
      }),
      this.nc.subscribe(SUBJECTS.cancel, {
        callback: reply((msg) => this.onCancel(msg.data)),
      }),
    );
    this.sendHeartbeat();
    this.heartbeatTimer = setInterval(() => this.sendHeartbeat(), this.options.heartbeatMs ?? 1000);
    this.heartbeatTimer.unref();
  }

  private sendHeartbeat(): void {
    if (this.stopping || this.nc.isClosed()) return;
    this.nc.publish(SUBJECTS.heartbeat, encodeWire(this.heartbeat(this.running.size > 0 ? 'busy' : 'idle')));
  }

  private onCancel(data: Uint8Array): void {
    const decoded = decodeMessage(cancelMessageSchema, data, MAX_CONTROL_BYTES);
    if (!decoded.ok) {
      this.options.log(`ignored a malformed cancel message: ${decoded.problem}`);
      return;
    }
    const { runId, task } = decoded.value;
    this.cancelled.push(task === undefined ? runId : `${runId}/${task}`);
    if (this.cancelled.length > CANCELLED_KEPT) this.cancelled.shift();
    for (const running of this.running.values()) {
      if (running.message.runId === runId && (task === undefined || running.message.task === task))
        running.controller.abort();
    }
  }

  private async pullLoop(): Promise<void> {
    let waiting = false;
    while (!this.stopping && !this.nc.isClosed()) {
      let consumer;
      try {
        consumer = await this.js.consumers.get(TASK_STREAM, QUEUE_CONSUMERS[this.queue]);
        waiting = false;
      } catch (error) {
        if (this.stopping || this.nc.isClosed()) return;
        if (!waiting) this.options.log(`waiting for the lab's task queue (${errorText(error)})`);
        waiting = true;
        await delay(500);
        continue;
      }
      while (!this.stopping && !this.nc.isClosed()) {
        let message: JsMsg | null;
        try {
          message = await consumer.next({ expires: PULL_EXPIRES_MS });
        } catch (error) {
          if (this.stopping || this.nc.isClosed()) return;
          this.options.log(`pulling a task failed (${errorText(error)}); trying again`);
          await delay(250);
          break;
        }
        if (message) await this.handle(message);
      }
    }
  }

  private async handle(message: JsMsg): Promise<void> {
    const decoded = decodeMessage(taskMessageSchema, message.data, MAX_PAYLOAD_BYTES);
    if (!decoded.ok) {
      this.options.log(`rejected a task on ${message.subject}: ${decoded.problem}`);
      message.term();
      return;
    }
    const task = decoded.value;
    const subject = this.queue === 'local' ? SUBJECTS.localTasks(task.runId) : SUBJECTS.tasks(task.runId);
    if (message.subject !== subject) {
      this.options.log(`rejected a task of run ${task.runId} published on ${message.subject}`);
      message.term();
      return;
    }
    const key = `${task.runId}/${task.task}`;
    if (this.cancelled.includes(task.runId) || this.cancelled.includes(key)) {
      message.term();
      return;
    }
    const controller = new AbortController();
    const { workerId, host, pid } = this.options.identity;
    const attempt = { v: PROTOCOL_VERSION, runId: task.runId, task: task.task, workerId, host, pid };
    const delivery = message.info.deliveryCount;
    this.running.set(key, { message: task, controller });
    this.inFlight.add(message);
    const startedAt = this.now();
    this.nc.publish(SUBJECTS.started(task.runId), encodeWire({ ...attempt, delivery, at: startedAt }));
    // One turn of the event loop sends the notice before the workload may hold the thread (a stuck
    // task must still be seen starting, so that its timeout runs).
    await nextTurn();
    const keepAlive = setInterval(() => message.working(), Math.max(50, Math.floor(task.ackWaitMs / 3)));
    let outcome: { ok: true; output: unknown } | { ok: false; error: string };
    try {
      const refusal = taskRefusal(task, this.options.policy);
      if (refusal) throw new Error(refusal);
      const ctx = createInlineContext({ signal: controller.signal, yieldEveryMs: YIELD_EVERY_MS });
      outcome = { ok: true, output: await runWorkload(task.workload, task.input, ctx) };
    } catch (error) {
      outcome = { ok: false, error: errorText(error) };
    } finally {
      clearInterval(keepAlive);
      this.running.delete(key);
    }
    const endedAt = this.now();
    if (controller.signal.aborted) {
      // Cancelled by the lab (run cancelled, task timed out) or by stop(), which naks instead.
      if (!this.stopping) message.term();
      this.inFlight.delete(message);
      return;
    }
    const result: ResultMessage = {
      ...attempt,
      delivery,
      startedAt,
      endedAt,
      ...(this.options.usage ? { usage: this.options.usage() } : {}),
      ...outcome,
    };
    await this.publishResult(message, result);
    this.inFlight.delete(message);
  }

  /** Publishes the result, then acks the task; a result that cannot be sent is replaced by its error. */
  private async publishResult(message: JsMsg, result: ResultMessage): Promise<void> {
    const subject = SUBJECTS.results(result.runId);
    let bytes: Uint8Array;
    try {
      bytes = encodeWire(result);
      if (bytes.byteLength > MAX_PAYLOAD_BYTES)
        throw new Error(
          `its output is ${bytes.byteLength} bytes, more than the ${MAX_PAYLOAD_BYTES} a result may carry`,
        );
    } catch (error) {
      const { output: _dropped, ...rest } = result as ResultMessage & { output?: unknown };
      bytes = encodeWire({ ...rest, ok: false, error: `the result could not be sent: ${errorText(error)}` });
    }
    try {
      await this.js.publish(subject, bytes);
    } catch (error) {
      if (this.stopping || this.nc.isClosed()) return;
      // Not stored, so not acked: the task goes back to the queue after its deadline, or now.
      this.options.log(`could not publish the result of task ${result.task}: ${errorText(error)}`);
      message.nak();
      return;
    }
    message.ack();
    this.tasksDone++;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
