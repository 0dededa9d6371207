/**
 * A room's shared NATS server (`concurrency-lab cluster`): loopback unless told otherwise, always with
 * an instructor and an attendee user (fresh random passwords), TLS when given a certificate, and the
 * command attendees type to join.
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { ConnectionSettings } from '../../../../workers/protocol/distributed/connection';
import type { RoomUsers } from './nats-server-config';
import { connectHost, startNatsServer, type NatsServerProcess } from './nats-server-process';

/** How to start a room server. */
export interface RoomServerOptions {
  readonly binary: string;
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly tls: { readonly certFile: string; readonly keyFile: string } | null;
  /** Fixed users (tests); fresh random passwords otherwise. */
  readonly users?: RoomUsers;
  readonly tempRoot?: string;
}

/** A running room server and how to reach it. */
export interface RoomServer {
  readonly server: NatsServerProcess;
  readonly users: RoomUsers;
  /** The address attendees connect to: nats://HOST:PORT, or tls://HOST:PORT with a certificate. */
  readonly url: string;
  /** How the lab on this machine connects (as the instructor). */
  readonly instructor: ConnectionSettings;
  stop(): Promise<void>;
}

/** A password that is hard to guess and easy to type into a command: 24 characters of base64url. */
export function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Fresh users for a room. */
export function newRoomUsers(): RoomUsers {
  return {
    instructor: { user: 'instructor', password: newPassword() },
    attendee: { user: 'attendee', password: newPassword() },
  };
}

/** Whether an address is this machine's loopback (reachable from no other machine). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

/** This machine's addresses on its networks (IPv4, not loopback): where attendees can reach a wildcard bind. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((address) =>
      address && address.family === 'IPv4' && !address.internal ? [address.address] : [],
    );
}

/** The host attendees should type: the bound address, or this machine's first LAN address for a wildcard bind. */
export function advertisedHost(bindHost: string): string {
  if (bindHost === '0.0.0.0' || bindHost === '::' || bindHost === '') return lanAddresses()[0] ?? '127.0.0.1';
  return connectHost(bindHost);
}

/** Starts a room server; every connection needs the instructor's or an attendee's password. */
export async function startRoomServer(options: RoomServerOptions): Promise<RoomServer> {
  const users = options.users ?? newRoomUsers();
  const server = await startNatsServer({
    binary: options.binary,
    host: options.host,
    port: options.port,
    users,
    tls: options.tls,
    tempRoot: options.tempRoot,
  });
  const scheme = options.tls ? 'tls' : 'nats';
  const url = `${scheme}://${advertisedHost(options.host)}:${server.port}`;
  return {
    server,
    users,
    url,
    instructor: {
      // The advertised address, not loopback: a certificate names the address attendees use.
      url,
      auth: { kind: 'password', ...users.instructor },
      ...(options.tls ? { tlsCaFile: options.tls.certFile } : {}),
    },
    stop: () => server.stop(),
  };
}

/** Quotes a shell argument when it needs it. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command an attendee types to join with its worker. */
export function joinCommand(room: Pick<RoomServer, 'url' | 'users'>, tlsCaFile: string | null): string {
  const { user, password } = room.users.attendee;
  return [
    'concurrency-lab worker --server',
    shellWord(room.url),
    '--user',
    shellWord(user),
    '--password',
    shellWord(password),
    ...(tlsCaFile ? ['--tls-ca', shellWord(tlsCaFile)] : []),
  ].join(' ');
}
