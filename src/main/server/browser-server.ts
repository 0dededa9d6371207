/**
 * Browser mode: the built renderer over HTTP with the app's security headers, and the lab's API over
 * a WebSocket on the same origin. Binds 127.0.0.1 by default; refuses upgrades from other origins
 * and requests for other hosts (DNS rebinding); with a token, every connection must present it.
 */
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WS_MAX_PAYLOAD_BYTES, WS_PATH } from '../../shared/ws-protocol';
import type { LabService } from '../engine/lab-service';
import { securityHeaders } from './security-headers';
import { readStaticFile } from './static-files';
import { bridgeConnection } from './ws-bridge';

/** How to serve. */
export interface BrowserServerOptions {
  readonly service: LabService;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Required from every WebSocket connection when set. */
  readonly token: string | null;
}

/** A running browser-mode server. */
export interface BrowserServer {
  /** The page to open, with the token when there is one. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, closes every connection; the service is the caller's to close. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Whether a host name or address is this machine only. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Starts serving; resolves once listening. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { service, rendererDir, token } = options;
  let port = options.port;
  const hostNames = (): Set<string> => {
    const names = isLoopback(options.host) ? [...LOOPBACK] : [options.host];
    const bracket = (name: string): string =>
      name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
    return new Set(names.map((name) => `${bracket(name)}:${port}`));
  };
  const knownHost = (hostHeader: string | undefined): boolean =>
    hostHeader !== undefined && hostNames().has(hostHeader.toLowerCase());
  const ownOrigin = (origin: string | undefined): boolean =>
    origin !== undefined && [...hostNames()].some((host) => origin.toLowerCase() === `http://${host}`);

  const server = http.createServer((request, response) => {
    const headers = securityHeaders(`ws://${request.headers.host ?? `${options.host}:${port}`}`);
    if (!knownHost(request.headers.host)) {
      response.writeHead(421, { ...headers, 'Content-Type': 'text/plain' }).end('unknown host');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response
        .writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain' })
        .end('method not allowed');
      return;
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === WS_PATH) {
      response
        .writeHead(426, { ...headers, 'Content-Type': 'text/plain' })
        .end('this path takes WebSocket connections');
      return;
    }
    void readStaticFile(rendererDir, path).then((file) => {
      if (!file) {
        response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, {
        ...headers,
        'Content-Type': file.contentType,
        'Content-Length': file.body.length,
        // Built assets carry a content hash in their name; the page itself must always be fresh.
        'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  sockets.on('connection', (socket) => bridgeConnection(socket, service));
  server.on('upgrade', (request, socket, head) => {
    const refuse = (status: number, reason: string): void => {
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}`,
      );
    };
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return refuse(404, 'Not Found');
    if (!knownHost(request.headers.host)) return refuse(421, 'Misdirected Request');
    if (!ownOrigin(request.headers.origin)) return refuse(403, 'Forbidden: cross-origin WebSocket');
    if (token !== null && !sameToken(url.searchParams.get('token'), token))
      return refuse(401, 'Unauthorized: token required');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  return {
    url,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
