/**
 * The cluster panel's world: where the distributed model's broker is (a private server per run, a
 * room server this lab started, or a running server it connected to), how attendees join it, and the
 * workers it hears from. Credentials other than the attendees' own never leave the engine.
 */

/** A worker process as the panel lists it. */
export interface ClusterWorker {
  readonly host: string;
  readonly pid: number;
  readonly cores: number;
  readonly labVersion: string;
  readonly state: 'idle' | 'busy' | 'leaving' | 'lost';
  /** Its last heartbeat, epoch ms on the lab's clock. */
  readonly lastSeen: number;
  readonly tasksDone: number;
  /** How far its clock is ahead of the lab's and within what, once a ping came back. */
  readonly clockOffsetMs: number | null;
  readonly clockUncertaintyMs: number | null;
}

/** Where distributed runs find their broker. */
export type ClusterMode =
  /** Each run starts a private nats-server on 127.0.0.1 and stops it after. */
  | 'private'
  /** A room server this lab started (concurrency-lab cluster's equivalent). */
  | 'room'
  /** A running server the lab connected to. */
  | 'server';

/** What the panel shows. */
export interface ClusterState {
  readonly mode: ClusterMode;
  /** Whether this machine can start a nats-server, and the one line saying how to get one when not. */
  readonly natsServer: { readonly available: true } | { readonly available: false; readonly reason: string };
  /** The server's address (room or server mode). */
  readonly url: string | null;
  /** Who can reach it, in words ("this machine only", "the network, with a password"). */
  readonly reach: string | null;
  /** How attendees join a room server: the command, and its QR code ('1' dark, '0' light per row). */
  readonly join: { readonly command: string; readonly qr: readonly string[] } | null;
  readonly workers: readonly ClusterWorker[];
  /** What went wrong with the server in use (it stopped, the connection dropped), until the next change. */
  readonly problem: string | null;
  /** Epoch ms of this state, for "last heartbeat 2 s ago". */
  readonly at: number;
}

/** Starting a room server: where to listen, and a certificate for TLS. */
export interface ClusterStartRequest {
  /** 127.0.0.1 (this machine only) unless told otherwise; any other address requires the room's passwords. */
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
}

/** Connecting to a running server, as the lab (the instructor's user for a room server). */
export interface ClusterConnectRequest {
  /** nats://HOST:PORT or tls://HOST:PORT. */
  readonly url: string;
  readonly user?: string;
  readonly password?: string;
  /** A CA certificate to trust, for a server with a self-signed certificate. */
  readonly tlsCaFile?: string;
}

/** The default NATS port: a room server listens there unless told otherwise. */
export const NATS_PORT = 4222;

/** A NATS server address as the lab accepts it: nats:// or tls://, a host, a port from 1 to 65535. */
export const SERVER_URL_PATTERN = /^(nats|tls):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;
