/**
 * The embedded HTTP latency server the I/O lessons talk to: answers after a fixed delay plus a
 * deterministic per-request jitter, with a chosen body size and a deterministic failure rate.
 * It binds to 127.0.0.1 only, so no request ever leaves the machine.
 */
import http from 'node:http';
import { plannedOutcome, responseBody } from './workloads/http-get';

/** The query of `GET /delay`, parsed and in range. */
export interface DelayQuery {
  readonly id: number;
  readonly ms: number;
  readonly bytes: number;
  readonly jitter: number;
  readonly fail: number;
  readonly seed: number;
}

interface ParamSpec {
  readonly max: number;
  readonly integer: boolean;
}

// In this order, so a request with several bad parameters is told about the first.
const PARAMS: { readonly [K in keyof DelayQuery]: ParamSpec } = {
  id: { max: 2 ** 31 - 1, integer: true },
  ms: { max: 60_000, integer: true },
  bytes: { max: 10_000_000, integer: true },
  jitter: { max: 60_000, integer: true },
  fail: { max: 1, integer: false },
  seed: { max: 2 ** 31 - 1, integer: true },
};

// Digits only: Number() alone would also accept '', ' 1', '0x10' and '-0'.
const INTEGER = /^\d+$/;
const DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Parses the query of `GET /delay`; an error is a one-line message naming the parameter and its range. */
export function parseDelayQuery(
  params: URLSearchParams,
): { readonly query: DelayQuery } | { readonly error: string } {
  const values: Record<keyof DelayQuery, number> = { id: 0, ms: 0, bytes: 0, jitter: 0, fail: 0, seed: 0 };
  for (const name of Object.keys(PARAMS) as (keyof DelayQuery)[]) {
    const { max, integer } = PARAMS[name];
    const range = `${integer ? 'an integer' : 'a number'} from 0 to ${max}`;
    const text = params.get(name);
    if (text === null) {
      if (name === 'id') return { error: `id is required: ${range}` };
      continue;
    }
    const value = Number(text);
    if (!(integer ? INTEGER : DECIMAL).test(text) || !(value >= 0 && value <= max))
      return { error: `${name} must be ${range}` };
    values[name] = value;
  }
  return { query: values };
}

// Every body is a prefix of the longest one, so one buffer serves all sizes; building a 10 MB body
// per request would block this event loop for milliseconds and skew the latency being measured.
let bodyCache: Buffer = Buffer.alloc(0);
function cachedBody(bytes: number): Buffer {
  if (bodyCache.length < bytes) bodyCache = responseBody(bytes);
  return bodyCache.subarray(0, bytes);
}

function sendText(
  response: http.ServerResponse,
  status: number,
  text: string,
  headers: http.OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function answerDelay(query: DelayQuery, response: http.ServerResponse): void {
  const { extraDelayMs, fails } = plannedOutcome(query.seed, query.id, query.jitter, query.fail);
  const answer = (): void => {
    if (fails) return sendText(response, 500, 'injected failure', { 'x-request-id': String(query.id) });
    const body = cachedBody(query.bytes);
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': body.length,
      'x-request-id': String(query.id),
    });
    response.end(body);
  };
  const delay = query.ms + extraDelayMs;
  if (delay === 0) return answer();
  const timer = setTimeout(answer, delay);
  // The response closes when it was sent or when the client went away; either way no timer stays.
  response.once('close', () => clearTimeout(timer));
}

function handle(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/health' && url.pathname !== '/delay')
    return sendText(response, 404, `not found: ${url.pathname}`);
  if (request.method !== 'GET') return sendText(response, 405, 'only GET is allowed', { allow: 'GET' });
  if (url.pathname === '/health') return sendText(response, 200, 'ok');
  const parsed = parseDelayQuery(url.searchParams);
  if ('error' in parsed) return sendText(response, 400, parsed.error);
  answerDelay(parsed.query, response);
}

/** Creates the latency server, not yet listening. */
export function createLatencyServer(): http.Server {
  const server = http.createServer(handle);
  // Clients keep connections alive across a whole run; the server must not close them in between.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 31_000;
  return server;
}

/** Binds the server to 127.0.0.1 (never another interface) and resolves with the port it got. */
export function listenLatencyServer(server: http.Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    // 1000 simultaneous connects overflow Node's default backlog of 511 (the kernel still caps it at somaxconn).
    server.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string')
        return reject(new Error('the latency server has no TCP address'));
      resolve(address.port);
    });
  });
}
