/**
 * The lab's side of the broker: its connection, the task queue (a work-queue stream and its two pull
 * consumers: any worker's tasks, and the tasks only the lab's local workers take) and the result stream, created or brought to this lab's settings; and the answer to a
 * worker's hello, which refuses a worker of another protocol version in words both sides print.
 */
import {
  AckPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  connectToServer,
  type ConnectionSettings,
} from '../../../../workers/protocol/distributed/connection';
import {
  MAX_CONTROL_BYTES,
  decodeMessage,
  workerIdentitySchema,
  type HelloReply,
  type WorkerIdentity,
} from '../../../../workers/protocol/distributed/messages';
import {
  PROTOCOL_VERSION,
  RESULT_STREAM,
  SUBJECTS,
  LOCAL_TASK_CONSUMER,
  TASK_CONSUMER,
  TASK_STREAM,
} from '../../../../workers/protocol/distributed/subjects';
import { encodeWire } from '../../../../workers/protocol/distributed/wire-codec';
import { SERVER_MAX_PAYLOAD } from './nats-server-config';

/** How the task queue treats deliveries. */
export interface QueueSettings {
  /** A delivery not acked (nor kept alive with working()) within this is given to another worker. */
  readonly ackWaitMs: number;
  /** Deliveries of one task before the queue gives up on it (the lab then fails the task). */
  readonly maxDeliver: number;
}

/** Memory storage: a run fails when its server dies anyway, and memory keeps each task's cost low. */
const STREAM_BYTES = 512 * 1024 * 1024;
/** Results are kept this long, so a lab that reconnects still finds them. */
const RESULT_MAX_AGE_MS = 15 * 60_000;

/** What a hello gets: the reply to send, and the worker when it is accepted. */
export type HelloVerdict =
  | { readonly accepted: true; readonly reply: HelloReply; readonly worker: WorkerIdentity }
  | {
      readonly accepted: false;
      readonly reply: HelloReply;
      /** What the lab logs: who was refused and why. */
      readonly logLine: string;
    };

/** Judges a hello: a worker of this protocol version joins; any other is refused, saying why. */
export function judgeHello(data: Uint8Array, labVersion: string): HelloVerdict {
  const refuse = (reason: string, who: string): HelloVerdict => ({
    accepted: false,
    reply: { protocol: PROTOCOL_VERSION, labVersion, accepted: false, reason },
    logLine: `refused ${who}: ${reason}`,
  });
  const decoded = decodeMessage(workerIdentitySchema, data, MAX_CONTROL_BYTES);
  if (!decoded.ok) return refuse(`its hello is malformed (${decoded.problem})`, 'a worker');
  const worker = decoded.value;
  const who = `worker ${worker.host} pid ${worker.pid}`;
  if (worker.protocol !== PROTOCOL_VERSION) {
    return refuse(
      `it speaks protocol ${worker.protocol} (Concurrency Lab ${worker.labVersion}), this lab speaks protocol ${PROTOCOL_VERSION} (Concurrency Lab ${labVersion}): install the same version of Concurrency Lab on both machines`,
      who,
    );
  }
  return { accepted: true, reply: { protocol: PROTOCOL_VERSION, labVersion, accepted: true }, worker };
}

/** The lab's connection to a NATS server with JetStream. */
export class LabBroker {
  readonly js: JetStreamClient;
  private closing = false;

  private constructor(
    readonly nc: NatsConnection,
    readonly jsm: JetStreamManager,
    /** The server, as the user named it. */
    readonly url: string,
  ) {
    this.js = jetstream(nc, { timeout: 5000 });
  }

  /** Connects as the lab (reconnecting only briefly: a run whose server is gone fails). */
  static async connect(settings: ConnectionSettings, name: string): Promise<LabBroker> {
    const nc = await connectToServer(settings, { name, reconnect: 'briefly' });
    try {
      const jsm = await jetstreamManager(nc, { timeout: 5000 });
      return new LabBroker(nc, jsm, settings.url);
    } catch (error) {
      await nc.close().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`the NATS server at ${settings.url} has no JetStream (start it with -js): ${message}`, {
        cause: error,
      });
    }
  }

  /** Creates the task and result streams and the workers' consumer, or brings them to these settings. */
  async ensureQueue(settings: QueueSettings): Promise<void> {
    const tasks = {
      name: TASK_STREAM,
      subjects: [SUBJECTS.allTasks, SUBJECTS.allLocalTasks],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.Memory,
      max_msg_size: SERVER_MAX_PAYLOAD,
      max_bytes: STREAM_BYTES,
      // A full queue refuses new tasks (the publish fails, the task fails) rather than dropping old ones.
      discard: DiscardPolicy.New,
    };
    const results = {
      name: RESULT_STREAM,
      subjects: [SUBJECTS.allResults],
      retention: RetentionPolicy.Limits,
      storage: StorageType.Memory,
      max_msg_size: SERVER_MAX_PAYLOAD,
      max_bytes: STREAM_BYTES,
      max_age: nanos(RESULT_MAX_AGE_MS),
      discard: DiscardPolicy.Old,
    };
    for (const config of [tasks, results]) {
      try {
        await this.jsm.streams.add(config);
      } catch {
        // It exists (another lab on this server made it, maybe with other limits): bring it to ours.
        const { name, ...rest } = config;
        await this.jsm.streams.update(name, rest);
      }
    }
    const consumer = {
      ack_wait: nanos(settings.ackWaitMs),
      max_deliver: settings.maxDeliver,
      max_ack_pending: 10_000,
      max_waiting: 4096,
    };
    // Two consumers with subjects apart, as a work queue requires: any worker's tasks, and the lab's own.
    for (const [name, filter] of [
      [TASK_CONSUMER, SUBJECTS.allTasks],
      [LOCAL_TASK_CONSUMER, SUBJECTS.allLocalTasks],
    ] as const) {
      try {
        await this.jsm.consumers.add(TASK_STREAM, {
          durable_name: name,
          ack_policy: AckPolicy.Explicit,
          filter_subject: filter,
          ...consumer,
        });
      } catch {
        await this.jsm.consumers.update(TASK_STREAM, name, consumer);
      }
    }
  }

  /** Answers every hello; accepted workers and refusals are reported as they come. */
  answerHellos(
    labVersion: string,
    on: { accepted(worker: WorkerIdentity): void; refused(logLine: string): void },
  ): Subscription {
    return this.nc.subscribe(SUBJECTS.hello, {
      callback: (error, msg) => {
        if (error) return;
        const verdict = judgeHello(msg.data, labVersion);
        msg.respond(encodeWire(verdict.reply));
        if (verdict.accepted) on.accepted(verdict.worker);
        else on.refused(verdict.logLine);
      },
    });
  }

  /**
   * Calls `lost` once if the connection drops and does not come back within `graceMs`, or closes for
   * good (not by close()); the text says how, to follow "lost the connection to the NATS server at URL".
   */
  onLost(graceMs: number, lost: (detail: string) => void): void {
    let grace: NodeJS.Timeout | undefined;
    let reported = false;
    const report = (detail: string): void => {
      if (reported || this.closing) return;
      reported = true;
      lost(detail);
    };
    void (async () => {
      for await (const status of this.nc.status()) {
        if (status.type === 'disconnect' && !grace) {
          grace = setTimeout(() => report(` (gone for ${graceMs / 1000} s)`), graceMs);
          grace.unref();
        } else if (status.type === 'reconnect') {
          clearTimeout(grace);
          grace = undefined;
        }
      }
    })().catch(() => undefined);
    void this.nc.closed().then((error) => {
      clearTimeout(grace);
      report(error ? `: ${error.message}` : '');
    });
  }

  /** Closes the connection; never throws. */
  async close(): Promise<void> {
    this.closing = true;
    await this.nc.close().catch(() => undefined);
  }
}
