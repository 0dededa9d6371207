/**
 * Browser mode: the built renderer over HTTP with the app's security headers, and the lab's API over
 * a WebSocket on the same origin. Binds 127.0.0.1 by default. Refuses requests whose Host does not
 * name this machine (DNS rebinding) and upgrades from other origins; with tokens (a room), every
 * request must come from a window that opened a join link, and its role decides what it may do.
 * Nothing from a request is ever written into a response header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { LabCaller, Role } from '../../shared/room';
import { WS_MAX_REQUEST_BYTES, WS_PATH } from '../../shared/ws-protocol';
import type { LabService } from '../engine/lab-service';
import { DEFAULT_FAN_OUT_LIMITS, EventFanOut, type FanOutLimits } from './event-fan-out';
import { createHostGuard, THIS_MACHINE, type MachineNames } from './host-guard';
import { roomLinks, type RoomLinks } from './join-links';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './request-budget';
import { createRoomAuth, type RoomTokens } from './room-auth';
import { securityHeaders } from './security-headers';
import { readStaticFile } from './static-files';
import { bridgeConnection } from './ws-bridge';

/** How many windows a room takes by default. */
export const DEFAULT_MAX_CLIENTS = 200;

/** Instructor windows always get in, this many past a full room: attendees cannot lock the instructor out. */
const INSTRUCTOR_RESERVE = 4;

/** How to serve. */
export interface BrowserServerOptions {
  readonly service: LabService;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The room's tokens; null serves everyone as the instructor (loopback only: serve checks). */
  readonly tokens: RoomTokens | null;
  readonly maxClients?: number;
  readonly fanOut?: Partial<FanOutLimits>;
  readonly requests?: RequestLimits;
  /** This machine's addresses and name; tests pass their own. */
  readonly machine?: MachineNames;
  /** Hears of every window dropped or closed by the server, with the reason (serve logs it). */
  readonly onDrop?: (caller: LabCaller, reason: string) => void;
}

/** A running browser-mode server. */
export interface BrowserServer extends RoomLinks {
  /** The instructor's page (with its token when there is one): the same as `instructor`. */
  readonly url: string;
  readonly port: number;
  /** Windows connected now. */
  clients(): number;
  /** Stops accepting, closes every connection; the service is the caller's to close. */
  close(): Promise<void>;
}

const PAGES = new Set(['/', '/index.html']);

const JOIN_NEEDED = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Concurrency Lab</title>
<h1>Concurrency Lab: open the join link</h1>
<p>This lab is shared with a room. Open the link (or scan the QR code) the instructor shows to join it.</p></html>`;

const JOIN_INVALID = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Concurrency Lab</title>
<h1>This join link does not work</h1>
<p>The server may have been restarted with new links: ask the instructor for the current one.</p></html>`;

/** Starts serving; resolves once listening. */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { service, rendererDir } = options;
  const machine = options.machine ?? THIS_MACHINE;
  const maxClients = options.maxClients ?? DEFAULT_MAX_CLIENTS;
  let port = options.port;
  const guard = createHostGuard(options.host, () => port, machine);
  const auth = createRoomAuth(options.tokens, () => port);
  // Fixed: 'self' covers the page's own ws:// origin, so no request header is ever echoed back.
  const headers = securityHeaders();
  const text = (status: number, body: string, extra: Record<string, string> = {}) =>
    [
      status,
      { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
      body,
    ] as const;

  const server = http.createServer((request, response) => {
    const answer = (status: number, head: Record<string, string>, body?: string): void => {
      response.writeHead(status, head).end(request.method === 'HEAD' ? undefined : body);
    };
    if (!guard.allows(request.headers.host)) return answer(...text(421, 'unknown host'));
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return answer(...text(405, 'method not allowed', { Allow: 'GET, HEAD' }));
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = PAGES.has(url.pathname);
    const html = { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' };
    const token = url.searchParams.get('token');
    if (auth.required && page && token !== null) {
      const session = auth.join(token);
      if (!session) return answer(401, html, JOIN_INVALID);
      // The token leaves the address at once: the page the browser keeps is plain "/".
      return answer(303, { ...html, Location: '/', 'Set-Cookie': session.setCookie });
    }
    if (auth.roleOf(request.headers) === null)
      return page ? answer(401, html, JOIN_NEEDED) : answer(...text(401, 'open the join link first'));
    if (url.pathname === WS_PATH) return answer(...text(426, 'this path takes WebSocket connections'));
    void readStaticFile(rendererDir, url.pathname).then((file) => {
      if (!file) return answer(...text(404, 'not found'));
      response.writeHead(200, {
        ...headers,
        'Content-Type': file.contentType,
        'Content-Length': file.body.length,
        // Built assets carry a content hash in their name; the page itself must always be fresh.
        'Cache-Control': url.pathname.startsWith('/assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    });
  });

  const fanOut = new EventFanOut(service, { ...DEFAULT_FAN_OUT_LIMITS, ...options.fanOut }, options.onDrop);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_REQUEST_BYTES });
  let nextClient = 1;
  server.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, reason: string): void => {
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${reason}`,
      );
    };
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return refuse(404, 'Not Found');
    const host = request.headers.host;
    if (!guard.allows(host)) return refuse(421, 'Misdirected Request');
    // Same origin exactly: the page this server served, on the address the socket came to.
    if (request.headers.origin !== `http://${host}`) return refuse(403, 'Forbidden: cross-origin WebSocket');
    const role: Role | null = auth.roleOf(request.headers);
    if (role === null) return refuse(401, 'Unauthorized: open the join link first');
    if (fanOut.size >= maxClients + (role === 'instructor' ? INSTRUCTOR_RESERVE : 0))
      return refuse(503, `Service Unavailable: the room is full (${maxClients} windows)`);
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const caller: LabCaller = { role, clientId: String(nextClient++) };
      fanOut.add(ws, caller);
      const detach = service.attach(caller);
      ws.once('close', detach);
      bridgeConnection(ws, service, caller, options.requests ?? DEFAULT_REQUEST_LIMITS, (reason) =>
        options.onDrop?.(caller, reason),
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const links = roomLinks(options.host, port, options.tokens, machine);
  service.setJoin(links.join);
  return {
    ...links,
    url: links.instructor,
    port,
    clients: () => fanOut.size,
    async close() {
      fanOut.close();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
