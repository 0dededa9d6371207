/**
 * Names on the NATS server shared by the lab and its workers: one JetStream work-queue stream of tasks
 * (a subject per run), one stream of results, and core subjects for joining, heartbeats and clocks.
 */

/** Version of the messages below; a worker of another version is refused when it says hello. */
export const PROTOCOL_VERSION = 1 as const;

/** Every subject starts with this token, so one server could host other things beside a lab. */
const ROOT = 'lab';

/** The work-queue stream of tasks: a task is removed once a worker acks it. */
export const TASK_STREAM = 'LAB_TASKS';
/** The one durable pull consumer every worker pulls from (a work queue allows one consumer per subject). */
export const TASK_CONSUMER = 'WORKERS';
/**
 * The consumer of tasks that must stay on the lab's machine (they read its files, or reach its loopback):
 * only the lab's own local workers pull from it, and an attendee's permissions do not reach it.
 */
export const LOCAL_TASK_CONSUMER = 'LOCAL_WORKERS';

/** Which of the two consumers a worker pulls from. */
export type TaskQueue = 'shared' | 'local';

/** The consumer of each queue. */
export const QUEUE_CONSUMERS: { readonly [Q in TaskQueue]: string } = {
  shared: TASK_CONSUMER,
  local: LOCAL_TASK_CONSUMER,
};
/** The stream of results, kept for a while so a lab that reconnects misses none. */
export const RESULT_STREAM = 'LAB_RESULTS';

/** Subjects, by what travels on them. */
export const SUBJECTS = {
  /** Every task any worker may take (the shared consumer's filter). */
  allTasks: `${ROOT}.tasks.*`,
  /** Every task only the lab's local workers may take (the local consumer's filter). */
  allLocalTasks: `${ROOT}.local-tasks.*`,
  /** Everything the result stream stores. */
  allResults: `${ROOT}.results.*`,
  /** Every run's "task started" notices (core NATS, best effort: they only feed live lanes). */
  allStarted: `${ROOT}.started.*`,
  /** Tasks of one run (lab → stream → workers). */
  tasks: (runId: string) => `${ROOT}.tasks.${runId}`,
  /** Tasks of one run that must stay on the lab's machine (lab → stream → its local workers). */
  localTasks: (runId: string) => `${ROOT}.local-tasks.${runId}`,
  /** Results of one run (workers → stream → lab). */
  results: (runId: string) => `${ROOT}.results.${runId}`,
  /** "I started task N" notices of one run (workers → lab). */
  started: (runId: string) => `${ROOT}.started.${runId}`,
  /** A worker asks to join (request; the lab replies accepted or refused). */
  hello: `${ROOT}.hello`,
  /** Every worker's heartbeat, once a second. */
  heartbeat: `${ROOT}.heartbeat`,
  /** The lab asks every worker to send a heartbeat now. */
  rollCall: `${ROOT}.roll-call`,
  /** The lab tells workers to drop the tasks of a run (cancelled) or one task (timed out). */
  cancel: `${ROOT}.cancel`,
  /** Clock pings to one worker (request; the worker replies with its clock). */
  clock: (workerId: string) => `${ROOT}.clock.${workerId}`,
  /** Clock pings to any worker: what a worker's permissions allow it to subscribe to. */
  anyClock: `${ROOT}.clock.*`,
} as const;

/** Inbox prefix of worker connections: a room's attendees may subscribe to these inboxes and to no other. */
export const WORKER_INBOX_PREFIX = '_INBOX_WORKERS';

/** JetStream API subjects a worker needs: look up the consumer and pull the next task. */
export const WORKER_JS_API = {
  consumerInfo: `$JS.API.CONSUMER.INFO.${TASK_STREAM}.${TASK_CONSUMER}`,
  nextTask: `$JS.API.CONSUMER.MSG.NEXT.${TASK_STREAM}.${TASK_CONSUMER}`,
  /** Acks, naks, working() and term() of pulled tasks. */
  acks: `$JS.ACK.${TASK_STREAM}.${TASK_CONSUMER}.>`,
} as const;

/** Advisories the lab listens to (either consumer): a task given up after too many deliveries, or terminated by a worker. */
export const TASK_ADVISORIES = {
  maxDeliveries: `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${TASK_STREAM}.*`,
  terminated: `$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.${TASK_STREAM}.*`,
} as const;

/** Whether a string can be one subject token (a run id, a worker id). */
export function isSubjectToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value);
}
