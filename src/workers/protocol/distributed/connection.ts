/** How the lab and its workers connect to a NATS server: URL, credentials, TLS and reconnect policy. */
import { readFileSync } from 'node:fs';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import type { NodeConnectionOptions } from '@nats-io/transport-node';

type NodeTlsOptions = NonNullable<NodeConnectionOptions['tls']>;

/** Credentials for a server: none (a private server on loopback), a user and password, or a NATS .creds file. */
export type NatsAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'password'; readonly user: string; readonly password: string }
  | { readonly kind: 'creds'; readonly file: string };

/** Where and how to connect; plain data, so it can be handed to a worker process. */
export interface ConnectionSettings {
  /** nats://HOST:PORT (or tls://HOST:PORT to insist on TLS). */
  readonly url: string;
  readonly auth: NatsAuth;
  /** A CA certificate to trust, for a server with a self-signed certificate. */
  readonly tlsCaFile?: string;
}

/**
 * What to do when the connection drops: a worker on another machine keeps trying (the room server may
 * come back); the lab and its local workers give up after about two seconds (the run fails or ends).
 */
export type ReconnectPolicy = 'forever' | 'briefly';

/** Turns the URL the user typed into the client's server string; tls:// asks for TLS. */
export function parseServerUrl(url: string): { readonly hostPort: string; readonly tls: boolean } {
  const match = /^(?:(nats|tls):\/\/)?([^/\s]+?)\/?$/i.exec(url.trim());
  if (!match) throw new Error(`${url} is not a NATS server address (nats://HOST:PORT)`);
  return { hostPort: match[2]!, tls: match[1]?.toLowerCase() === 'tls' };
}

/**
 * TLS options that check the certificate against the host the user named. The client leaves the TLS
 * server name empty for an IP address, and Node then checks the certificate against "localhost": a room
 * reached as tls://192.168.1.10 would be refused although its certificate names 192.168.1.10.
 */
function tlsOptions(hostPort: string, caFile: string | undefined): NodeTlsOptions {
  const host = hostPort.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const options = {
    ...(caFile ? { caFile } : {}),
    checkServerIdentity: (_servername: string, cert: PeerCertificate) => checkServerIdentity(host, cert),
  };
  return options as NodeTlsOptions;
}

/** The client options for these settings (credentials read from disk here, once). */
export function connectionOptions(
  settings: ConnectionSettings,
  options: { readonly name: string; readonly inboxPrefix?: string; readonly reconnect: ReconnectPolicy },
): NodeConnectionOptions {
  const { hostPort, tls } = parseServerUrl(settings.url);
  const auth: Partial<NodeConnectionOptions> =
    settings.auth.kind === 'password'
      ? { user: settings.auth.user, pass: settings.auth.password }
      : settings.auth.kind === 'creds'
        ? { authenticator: credsAuthenticator(readFileSync(settings.auth.file)) }
        : {};
  return {
    servers: hostPort,
    name: options.name,
    ...auth,
    ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
    ...(tls || settings.tlsCaFile ? { tls: tlsOptions(hostPort, settings.tlsCaFile) } : {}),
    timeout: 5000,
    ...(options.reconnect === 'forever'
      ? { maxReconnectAttempts: -1, reconnectTimeWait: 1000 }
      : { maxReconnectAttempts: 4, reconnectTimeWait: 250, reconnectJitter: 50 }),
  };
}

/** Connects with these settings. */
export function connectToServer(
  settings: ConnectionSettings,
  options: { readonly name: string; readonly inboxPrefix?: string; readonly reconnect: ReconnectPolicy },
): Promise<NatsConnection> {
  return connect(connectionOptions(settings, options));
}
