/**
 * The nats-server configuration the lab writes: JetStream on, a temporary store, and for a room server
 * two users whose permissions the server enforces — an instructor who may do anything, and an
 * attendee whose worker may only pull tasks, ack them and publish results and heartbeats.
 */
import {
  SUBJECTS,
  WORKER_INBOX_PREFIX,
  WORKER_JS_API,
} from '../../../../workers/protocol/distributed/subjects';

/** The largest message the lab's servers accept; the lab itself rejects anything over MAX_PAYLOAD_BYTES. */
export const SERVER_MAX_PAYLOAD = 8 * 1024 * 1024;

/** A user name and password. */
export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** The two users of a room server. */
export interface RoomUsers {
  /** Runs the lab: publishes tasks, reads results, manages the streams. */
  readonly instructor: Credentials;
  /** Joins as a worker: pulls tasks, publishes results and heartbeats, nothing else. */
  readonly attendee: Credentials;
}

/** What a server is started with. */
export interface NatsServerSettings {
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  /** JetStream's store; the lab removes it when the server stops. */
  readonly storeDir: string;
  /** Users and their permissions; null for an open server (a private one on loopback). */
  readonly users: RoomUsers | null;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
}

/** What an attendee's worker may publish and subscribe to (everything else is refused by the server). */
export function attendeePermissions(): {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
  allow_responses: boolean;
} {
  return {
    publish: {
      allow: [
        SUBJECTS.hello,
        SUBJECTS.heartbeat,
        SUBJECTS.allResults,
        SUBJECTS.allStarted,
        WORKER_JS_API.consumerInfo,
        WORKER_JS_API.nextTask,
        WORKER_JS_API.acks,
      ],
    },
    subscribe: {
      allow: [`${WORKER_INBOX_PREFIX}.>`, SUBJECTS.anyClock, SUBJECTS.rollCall, SUBJECTS.cancel],
    },
    // Lets a worker answer the lab's clock pings, whose reply subjects are the lab's own inboxes.
    allow_responses: true,
  };
}

/** The server configuration as an object; nats-server reads JSON, so JSON.stringify of it is the file. */
export function natsServerConfig(settings: NatsServerSettings): Record<string, unknown> {
  const config: Record<string, unknown> = {
    server_name: 'concurrency-lab',
    host: settings.host,
    port: settings.port === 0 ? -1 : settings.port,
    max_payload: SERVER_MAX_PAYLOAD,
    jetstream: {
      store_dir: settings.storeDir,
      max_memory_store: 1024 * 1024 * 1024,
      max_file_store: 1024 * 1024 * 1024,
    },
  };
  if (settings.users) {
    config.authorization = {
      users: [
        {
          user: settings.users.instructor.user,
          password: settings.users.instructor.password,
          permissions: { publish: { allow: ['>'] }, subscribe: { allow: ['>'] } },
        },
        {
          user: settings.users.attendee.user,
          password: settings.users.attendee.password,
          permissions: attendeePermissions(),
        },
      ],
    };
  }
  if (settings.tls) {
    config.tls = { cert_file: settings.tls.certFile, key_file: settings.tls.keyFile, timeout: 5 };
  }
  return config;
}
