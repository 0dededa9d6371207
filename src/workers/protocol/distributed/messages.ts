/**
 * Every message between the lab and its workers, as zod schemas: whatever arrives on a subject is
 * untrusted bytes until decodeMessage() says otherwise. Workloads travel by name, never as code.
 */
import { z } from 'zod';
import { WORKLOADS, type WorkloadName } from '../../workloads';
import { PROTOCOL_VERSION } from './subjects';
import { decodeWire } from './wire-codec';

/** Largest task or result the lab and its workers accept (the servers they start allow 8 MiB). */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
/** Largest control message (hello, heartbeat, started, clock, cancel). */
export const MAX_CONTROL_BYTES = 16 * 1024;
/** Longest error text a result may carry. */
const MAX_ERROR_CHARS = 4000;

const token = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1 to 64 letters, digits, - or _' });
const epochMs = z.number().nonnegative();
const count = z.number().int().nonnegative();
const taskIndex = z.number().int().min(0).max(10_000_000);
const version = z.literal(PROTOCOL_VERSION, {
  error: `must be protocol version ${PROTOCOL_VERSION}`,
});
const workloadNames = Object.keys(WORKLOADS) as [WorkloadName, ...WorkloadName[]];

/** CPU and memory of a worker process, cumulative since it started. */
const usageSchema = z.object({
  cpuUserUs: count,
  cpuSystemUs: count,
  rssBytes: count,
});

/** Who a worker is: sent with its hello and every heartbeat. */
export const workerIdentitySchema = z.object({
  protocol: z.number().int().nonnegative(),
  labVersion: z.string().max(64),
  workerId: token,
  host: z.string().min(1).max(255),
  pid: z.number().int().positive(),
  cores: z.number().int().min(1).max(65_536),
  platform: z.string().max(32),
});
/** Who a worker is. */
export type WorkerIdentity = z.infer<typeof workerIdentitySchema>;

/** The lab's answer to a hello. */
export const helloReplySchema = z.object({
  protocol: z.number().int().nonnegative(),
  labVersion: z.string().max(64),
  accepted: z.boolean(),
  /** Why the worker was refused, in words both sides print. */
  reason: z.string().max(1000).optional(),
});
/** The lab's answer to a hello. */
export type HelloReply = z.infer<typeof helloReplySchema>;

/** A worker's state, once a second and whenever the lab calls the roll. */
export const heartbeatSchema = workerIdentitySchema.extend({
  state: z.enum(['idle', 'busy', 'leaving']),
  running: count,
  tasksDone: count,
  sentAt: epochMs,
  usage: usageSchema.optional(),
});
/** A worker's state. */
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** One task of a run, as published to the task stream. */
export const taskMessageSchema = z.object({
  v: version,
  runId: token,
  task: taskIndex,
  workload: z.enum(workloadNames, { error: 'must name a registered workload' }),
  input: z.unknown(),
  /** The consumer's ack deadline: a worker calls working() well within it while a task runs. */
  ackWaitMs: z.number().int().min(100).max(3_600_000),
  /** When the lab published it, on the lab's clock. */
  publishedAt: epochMs,
});
/** One task of a run. */
export type TaskMessage = z.infer<typeof taskMessageSchema>;

const attempt = {
  v: version,
  runId: token,
  task: taskIndex,
  workerId: token,
  host: z.string().min(1).max(255),
  pid: z.number().int().positive(),
  /** 1 for the first delivery of the task, 2 for its first redelivery… */
  delivery: z.number().int().min(1),
};

/** A worker started a task (core NATS, best effort: it only feeds the live lanes). */
export const startedMessageSchema = z.object({ ...attempt, at: epochMs });
/** A worker started a task. */
export type StartedMessage = z.infer<typeof startedMessageSchema>;

const resultCommon = {
  ...attempt,
  /** On the worker's clock; the lab maps them onto its own. */
  startedAt: epochMs,
  endedAt: epochMs,
  usage: usageSchema.optional(),
};

/** A task ended on a worker: its output or its error. */
export const resultMessageSchema = z.union([
  z.object({ ...resultCommon, ok: z.literal(true), output: z.unknown() }),
  z.object({ ...resultCommon, ok: z.literal(false), error: z.string().max(MAX_ERROR_CHARS) }),
]);
/** A task ended on a worker. */
export type ResultMessage = z.infer<typeof resultMessageSchema>;

/** A worker's reply to a clock ping: its own epoch time when it answered. */
export const clockReplySchema = z.object({ at: epochMs });

/** Drop the tasks of a run (it was cancelled), or one task (it timed out). */
export const cancelMessageSchema = z.object({ runId: token, task: taskIndex.optional() });
/** Drop the tasks of a run, or one task. */
export type CancelMessage = z.infer<typeof cancelMessageSchema>;

/** A JetStream advisory about one stored task: given up after too many deliveries, or terminated. */
export const taskAdvisorySchema = z.object({
  stream_seq: z.number().int().positive(),
  deliveries: z.number().int().optional(),
  reason: z.string().optional(),
});

/** What decoding an untrusted message gave: the value, or the problem in words. */
export type Decoded<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Decodes and validates one message; never throws. */
export function decodeMessage<T>(schema: z.ZodType<T>, bytes: Uint8Array, maxBytes: number): Decoded<T> {
  if (bytes.byteLength > maxBytes)
    return { ok: false, problem: `${bytes.byteLength} bytes, more than the ${maxBytes} allowed` };
  let raw: unknown;
  try {
    raw = decodeWire(bytes);
  } catch (error) {
    return { ok: false, problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.map(String).join('.') || 'message';
  return { ok: false, problem: `${where} ${issue.message}` };
}
