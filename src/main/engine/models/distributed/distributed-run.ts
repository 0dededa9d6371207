/**
 * One run of the distributed model: its tasks published to the work queue (one subject per run), its
 * results folded into task events. Delivery is at least once: the first result of a task counts, later
 * ones are duplicates; a result for another run or an unknown task is ignored; a malformed one is logged.
 * Worker times are mapped onto the lab's clock and clamped so no lane starts before its task was published.
 */
import { randomUUID } from 'node:crypto';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Subscription } from '@nats-io/transport-node';
import { epochNow } from '../../../../shared/clock';
import type { Lane } from '../../../../shared/results';
import {
  MAX_CONTROL_BYTES,
  MAX_PAYLOAD_BYTES,
  decodeMessage,
  resultMessageSchema,
  startedMessageSchema,
  type CancelMessage,
  type TaskMessage,
} from '../../../../workers/protocol/distributed/messages';
import {
  PROTOCOL_VERSION,
  RESULT_STREAM,
  SUBJECTS,
  TASK_STREAM,
  type TaskQueue,
} from '../../../../workers/protocol/distributed/subjects';
import { encodeWire } from '../../../../workers/protocol/distributed/wire-codec';
import { errorMessage } from '../../../../shared/format';
import { CancelledError } from '../../errors';
import type { RunEnd, TaskEventListener, TaskList } from '../../../../workers/protocol/executor';
import type { LabBroker } from './lab-broker';
import { TaskLedger, type Attempt } from './task-ledger';
import type { RosterWorker } from './worker-roster';

/** What a run needs from its executor. */
export interface RunContext {
  readonly broker: LabBroker;
  /** The queue its tasks go to: any worker's, or only the lab's local workers'. */
  readonly queue: TaskQueue;
  readonly ackWaitMs: number;
  readonly taskTimeoutMs: number | null;
  /** The worker behind an id; one never seen before joins the roster (and gets a lane) here. */
  workerFor(ref: { readonly workerId: string; readonly host: string; readonly pid: number }): RosterWorker;
  /** A worker already known. */
  worker(id: string): RosterWorker | undefined;
  /** The lane of the queue itself, where tasks that never reached a worker are drawn (made on first use). */
  queueLane(): number;
  /** Its lane, as currently labelled. */
  laneOf(worker: RosterWorker): Lane;
  /** Ends a local worker at once (its task timed out); remote workers are only told to drop the task. */
  stopWorker(worker: RosterWorker): void;
  log(line: string): void;
}

/** Tasks published at once before waiting for the broker's acknowledgements. */
const PUBLISH_WINDOW = 256;
/** How long a run's clean-up may wait for the broker to purge leftover tasks. */
const PURGE_WAIT_MS = 250;

/** A distributed run in progress. */
export class DistributedRun {
  readonly id = randomUUID();
  readonly ledger: TaskLedger;
  private readonly timeouts = new Map<number, NodeJS.Timeout>();
  private readonly settled: Promise<RunEnd>;
  private resolve!: (end: RunEnd) => void;
  private reject!: (error: Error) => void;
  private over = false;
  private lastEnd = 0;
  private startedSub: Subscription | null = null;
  private results: ConsumerMessages | null = null;

  constructor(
    private readonly ctx: RunContext,
    private readonly tasks: TaskList,
    private readonly listener: TaskEventListener,
  ) {
    this.ledger = new TaskLedger(tasks.length);
    this.settled = new Promise<RunEnd>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.settled.catch(() => undefined); // observed by execute()
  }

  /** Whether the run still waits for results. */
  get active(): boolean {
    return !this.over;
  }

  /** Publishes every task and resolves when each has a result (or failed); rejects on fail() or cancel(). */
  async execute(): Promise<RunEnd> {
    try {
      await this.listen();
    } catch (error) {
      // The run already failed (its server died meanwhile): that is the error to report, not this one.
      if (this.over) return this.settled;
      throw error;
    }
    if (this.over) return this.settled; // cancelled while it set up
    const queuedAt = epochNow();
    this.lastEnd = queuedAt;
    this.listener({ type: 'queued-all', count: this.tasks.length, at: queuedAt });
    if (this.tasks.length === 0) return { endedAt: queuedAt };
    void this.publishAll();
    return this.settled;
  }

  /** Listens to the run's "started" notices and results; before publishing, as a fast worker may answer first. */
  private async listen(): Promise<void> {
    const { broker } = this.ctx;
    this.startedSub = broker.nc.subscribe(SUBJECTS.started(this.id), {
      callback: (error, msg) => void (!error && this.onStarted(msg.data)),
    });
    // One subject as a string: nats-server before 2.10 (Debian 12 ships 2.9) knows only filter_subject.
    const consumer = await broker.js.consumers.get(RESULT_STREAM, {
      filter_subjects: SUBJECTS.results(this.id),
    });
    this.results = await consumer.consume({ callback: (msg) => this.onResult(msg) });
  }

  /** A lane appeared or changed its label during the run. */
  lane(lane: Lane): void {
    if (!this.over) this.listener({ type: 'lane', lane });
  }

  /** Ends the run with an error (the server is gone). */
  fail(error: Error): void {
    this.end();
    this.reject(error);
  }

  /** Ends the run as cancelled and tells every worker to drop its tasks. */
  cancel(): void {
    if (this.over) return;
    this.end();
    this.broadcastCancel({ runId: this.id });
    this.reject(new CancelledError());
  }

  /** A worker was lost: the tasks it was running go back to the queue (redelivered after the ack deadline). */
  workerLost(worker: RosterWorker, reason: string): void {
    if (this.over) return;
    for (const task of this.ledger.tasksOn(worker.id)) {
      const attempt = this.ledger.abandon(task)!;
      this.interrupted(task, attempt, Math.max(attempt.startedAt, worker.lastSeen), reason);
    }
  }

  /** The queue gave up on a stored task (too many deliveries) or a worker terminated it. */
  taskAbandoned(sequence: number, why: string): void {
    const task = this.ledger.taskAt(sequence);
    if (this.over || task === undefined || this.ledger.isSettled(task)) return;
    const attempt = this.ledger.attempt(task);
    this.failTask(task, attempt?.lane ?? null, attempt?.startedAt ?? this.ledger.publishedAt(task), why);
  }

  /** Stops listening and removes what is left of the run's tasks from the queue. */
  async dispose(): Promise<void> {
    this.end();
    this.startedSub?.unsubscribe();
    this.results?.stop();
    const { broker } = this.ctx;
    if (broker.nc.isClosed()) return;
    const purge = broker.jsm.streams.purge(TASK_STREAM, { filter: this.taskSubject() });
    purge.catch(() => undefined);
    await Promise.race([purge, new Promise((resolve) => setTimeout(resolve, PURGE_WAIT_MS).unref())]);
  }

  private taskSubject(): string {
    return this.ctx.queue === 'local' ? SUBJECTS.localTasks(this.id) : SUBJECTS.tasks(this.id);
  }

  private end(): void {
    this.over = true;
    for (const timer of this.timeouts.values()) clearTimeout(timer);
    this.timeouts.clear();
  }

  private async publishAll(): Promise<void> {
    const { broker, ackWaitMs } = this.ctx;
    const subject = this.taskSubject();
    const pending = new Set<Promise<void>>();
    for (let task = 0; task < this.tasks.length && !this.over; task++) {
      const spec = this.tasks.at(task)!;
      const publishedAt = epochNow();
      this.ledger.published(task, publishedAt);
      const message: TaskMessage = {
        v: PROTOCOL_VERSION,
        runId: this.id,
        task,
        workload: spec.workload,
        input: spec.input,
        ackWaitMs,
        publishedAt,
      };
      let bytes: Uint8Array;
      try {
        bytes = encodeWire(message);
        if (bytes.byteLength > MAX_PAYLOAD_BYTES)
          throw new Error(
            `its input is ${bytes.byteLength} bytes, more than the ${MAX_PAYLOAD_BYTES} a task may carry`,
          );
      } catch (error) {
        this.failTask(task, null, publishedAt, `could not be queued: ${errorMessage(error)}`);
        continue;
      }
      const published = broker.js
        .publish(subject, bytes, { msgID: `${this.id}.${task}` })
        .then(
          (ack) => this.ledger.stored(task, ack.seq),
          (error: unknown) => {
            if (!this.over)
              this.failTask(task, null, publishedAt, `could not be queued: ${errorMessage(error)}`);
          },
        )
        .finally(() => pending.delete(published));
      pending.add(published);
      if (pending.size >= PUBLISH_WINDOW) await Promise.race(pending);
    }
    await Promise.all(pending);
  }

  private onStarted(data: Uint8Array): void {
    if (this.over) return;
    const decoded = decodeMessage(startedMessageSchema, data, MAX_CONTROL_BYTES);
    if (!decoded.ok) {
      this.ctx.log(`rejected a "started" notice of run ${this.id}: ${decoded.problem}`);
      return;
    }
    const notice = decoded.value;
    if (notice.runId !== this.id || !this.ledger.has(notice.task) || this.ledger.isSettled(notice.task))
      return;
    const worker = this.ctx.workerFor(notice);
    const task = notice.task;
    const at = Math.min(epochNow(), Math.max(this.ledger.publishedAt(task), worker.clock.toLab(notice.at)));
    const attempt: Attempt = {
      workerId: worker.id,
      lane: worker.lane,
      delivery: notice.delivery,
      startedAt: at,
    };
    const start = this.ledger.start(task, attempt);
    if (start.kind === 'repeat') return;
    if (start.interrupted) {
      const previous = this.ctx.worker(start.interrupted.workerId);
      this.interrupted(
        task,
        start.interrupted,
        Math.max(start.interrupted.startedAt, Math.min(at, previous?.lastSeen ?? at)),
        `redelivered to ${this.ctx.laneOf(worker).label} after its ack deadline passed`,
      );
    }
    this.listener({ type: 'started', task, lane: worker.lane, at });
    this.armTimeout(task, worker);
  }

  private onResult(msg: JsMsg): void {
    if (this.over) return;
    const receivedAt = epochNow();
    const decoded = decodeMessage(resultMessageSchema, msg.data, MAX_PAYLOAD_BYTES);
    if (!decoded.ok) {
      this.ctx.log(`rejected a result on ${msg.subject}: ${decoded.problem}`);
      return;
    }
    const result = decoded.value;
    if (result.runId !== this.id) return;
    const task = result.task;
    if (!this.ledger.has(task)) {
      this.ctx.log(`ignored a result for task ${task}, which run ${this.id} does not have`);
      return;
    }
    const current = this.ledger.attempt(task);
    if (!this.ledger.settle(task)) return; // a duplicate: the task was counted already
    this.clearTimeout(task);
    const worker = this.ctx.workerFor(result);
    if (current && current.workerId !== worker.id)
      this.interrupted(
        task,
        current,
        Math.max(current.startedAt, receivedAt),
        'another worker finished it first',
      );
    if (result.usage) worker.usage = result.usage;
    worker.tasksDone++;
    // The worker's clock, mapped onto the lab's: after the task was published, before its result arrived.
    const start = Math.max(this.ledger.publishedAt(task), worker.clock.toLab(result.startedAt));
    const endedAt = Math.min(receivedAt, Math.max(start, worker.clock.toLab(result.endedAt)));
    const startedAt = Math.min(start, endedAt);
    this.lastEnd = Math.max(this.lastEnd, endedAt);
    if (result.ok)
      this.listener({ type: 'finished', task, lane: worker.lane, startedAt, endedAt, output: result.output });
    else this.listener({ type: 'failed', task, lane: worker.lane, startedAt, endedAt, error: result.error });
    this.checkDone();
  }

  private armTimeout(task: number, worker: RosterWorker): void {
    const timeoutMs = this.ctx.taskTimeoutMs;
    if (timeoutMs === null) return;
    this.clearTimeout(task);
    this.timeouts.set(
      task,
      setTimeout(() => {
        this.timeouts.delete(task);
        if (this.over || this.ledger.isSettled(task)) return;
        const attempt = this.ledger.attempt(task);
        const label = this.ctx.laneOf(worker).label;
        this.failTask(
          task,
          worker.lane,
          attempt?.startedAt ?? epochNow(),
          `timed out after ${timeoutMs} ms on ${label}`,
        );
        this.broadcastCancel({ runId: this.id, task });
        this.ctx.stopWorker(worker);
      }, timeoutMs),
    );
  }

  private clearTimeout(task: number): void {
    const timer = this.timeouts.get(task);
    if (timer) clearTimeout(timer);
    this.timeouts.delete(task);
  }

  private failTask(task: number, lane: number | null, startedAt: number, error: string): void {
    if (!this.ledger.settle(task)) return;
    this.clearTimeout(task);
    const endedAt = Math.max(startedAt, epochNow());
    this.lastEnd = Math.max(this.lastEnd, endedAt);
    // A task that never reached a worker is drawn on the queue's own lane.
    this.listener({ type: 'failed', task, lane: lane ?? this.ctx.queueLane(), startedAt, endedAt, error });
    this.checkDone();
  }

  private interrupted(task: number, attempt: Attempt, endedAt: number, reason: string): void {
    this.listener({
      type: 'interrupted',
      task,
      lane: attempt.lane,
      startedAt: attempt.startedAt,
      endedAt,
      reason,
    });
  }

  private checkDone(): void {
    if (!this.ledger.done || this.over) return;
    this.end();
    this.resolve({ endedAt: this.lastEnd });
  }

  private broadcastCancel(message: CancelMessage): void {
    const { nc } = this.ctx.broker;
    if (!nc.isClosed()) nc.publish(SUBJECTS.cancel, encodeWire(message));
  }
}
