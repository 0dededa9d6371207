/**
 * The flags that name a NATS server and how to log in to it (--server, --user/--password or --creds,
 * --tls-ca), shared by `run` (the distributed model's broker) and `worker`: checked once, each problem
 * one line naming the flag and what is allowed.
 */
import { existsSync } from 'node:fs';
import {
  parseServerUrl,
  type ConnectionSettings,
  type NatsAuth,
} from '../../workers/protocol/distributed/connection';
import { UsageError } from './usage-error';

/** The names of these flags, as parseArgs options. */
export const SERVER_FLAG_OPTIONS = {
  server: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  creds: { type: 'string' },
  'tls-ca': { type: 'string' },
} as const;

/** The flags' values as parseArgs gives them. */
export type ServerFlagValues = { readonly [K in keyof typeof SERVER_FLAG_OPTIONS]?: string | boolean };

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** The --server value, checked: a host and a port from 1 to 65535. */
export function parseServerFlag(raw: string): string {
  const problem = `--server must be nats://HOST:PORT or tls://HOST:PORT, with a port from 1 to 65535 (got "${raw}")`;
  let parsed;
  try {
    parsed = parseServerUrl(raw);
  } catch {
    throw new UsageError(problem);
  }
  const match = HOST_PORT.exec(parsed.hostPort);
  const port = Number(match?.[2]);
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(problem);
  return `${parsed.tls ? 'tls' : 'nats'}://${parsed.hostPort}`;
}

/** Whether any of these flags was given. */
export function anyServerFlag(values: ServerFlagValues): boolean {
  return Object.keys(SERVER_FLAG_OPTIONS).some(
    (flag) => typeof values[flag as keyof ServerFlagValues] === 'string',
  );
}

/**
 * The connection the flags describe, or null without --server (credentials without a server are an
 * error). `whose` names the credentials in messages: "the attendee credentials …".
 */
export function connectionFromFlags(values: ServerFlagValues, whose: string): ConnectionSettings | null {
  const { server, user, password, creds } = values;
  const caFile = values['tls-ca'];
  if (typeof server !== 'string') {
    const stray = (['user', 'password', 'creds', 'tls-ca'] as const).find(
      (flag) => typeof values[flag] === 'string',
    );
    if (stray)
      throw new UsageError(`--${stray} needs --server: the NATS server it logs in to (nats://HOST:PORT)`);
    return null;
  }
  const url = parseServerFlag(server);
  if ((typeof user === 'string') !== (typeof password === 'string'))
    throw new UsageError(`--user and --password go together (${whose})`);
  if (typeof creds === 'string' && typeof user === 'string')
    throw new UsageError('--creds replaces --user and --password: give one or the other');
  if (typeof creds === 'string' && !existsSync(creds)) throw new UsageError(`--creds: no file at ${creds}`);
  if (typeof caFile === 'string' && !existsSync(caFile))
    throw new UsageError(`--tls-ca: no file at ${caFile}`);
  const auth: NatsAuth =
    typeof user === 'string'
      ? { kind: 'password', user, password: password as string }
      : typeof creds === 'string'
        ? { kind: 'creds', file: creds }
        : { kind: 'none' };
  return { url, auth, ...(typeof caFile === 'string' ? { tlsCaFile: caFile } : {}) };
}
