/** One GET request to the embedded latency server, its body read and checksummed. */
import http from 'node:http';
import type { WorkloadContext } from './workload-context';
import { fnv1aBytes, hex32, mix32 } from '../../shared/hashing';

/** A request to make; `url` already carries the server's delay, size and failure settings. */
export interface HttpGetInput {
  readonly url: string;
  readonly id: number;
}

/** What came back. */
export interface HttpGetOutput {
  readonly id: number;
  readonly status: number;
  readonly bytes: number;
  readonly checksum: string;
}

/** The body the latency server sends for a given size: a fixed byte pattern the client can check. */
export function responseBody(bytes: number): Buffer {
  const body = Buffer.allocUnsafe(bytes);
  for (let i = 0; i < bytes; i++) body[i] = (i * 131 + 7) & 0xff;
  return body;
}

/** Checksum of a response body, as the workload reports it. */
export function bodyChecksum(body: Uint8Array): string {
  return hex32(fnv1aBytes(body));
}

// One keep-alive agent per thread or process, as an HTTP client library would keep.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

// Requests in flight per run signal: one abort listener per run, not one per request (measurable at 1000s of requests).
const inFlight = new WeakMap<AbortSignal, Set<http.ClientRequest>>();

function track(signal: AbortSignal, request: http.ClientRequest): () => void {
  let requests = inFlight.get(signal);
  if (!requests) {
    const set = new Set<http.ClientRequest>();
    requests = set;
    inFlight.set(signal, set);
    signal.addEventListener('abort', () => set.forEach((r) => r.destroy(new Error('cancelled'))), {
      once: true,
    });
  }
  requests.add(request);
  return () => requests.delete(request);
}

function get(
  url: string,
  signal: AbortSignal,
): Promise<{ status: number; id: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('cancelled'));
    const request = http.get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const id = response.headers['x-request-id'];
        resolve({
          status: response.statusCode ?? 0,
          id: Array.isArray(id) ? id[0] : id,
          body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
        });
      });
    });
    request.on('error', reject);
    request.on('close', track(signal, request));
  });
}

/** Sends the request (while holding the GIL), waits for the answer (without it), then checks the body (with it). */
export async function httpGetWorkload(input: HttpGetInput, ctx: WorkloadContext): Promise<HttpGetOutput> {
  const { status, id, body } = await ctx.io(get(input.url, ctx.signal));
  if (status !== 200) throw new Error(`HTTP ${status} for request ${input.id}`);
  if (id !== String(input.id))
    throw new Error(`request ${input.id} got the answer to request ${id ?? '(none)'}`);
  return { id: input.id, status, bytes: body.length, checksum: bodyChecksum(body) };
}

/** What happens to one request, decided by (seed, id) alone so the engine can predict it. */
export interface PlannedOutcome {
  readonly extraDelayMs: number;
  readonly fails: boolean;
}

/** The extra delay and the injected failure of request `id`, shared by the server and the engine's checker. */
export function plannedOutcome(seed: number, id: number, jitter: number, fail: number): PlannedOutcome {
  return {
    extraDelayMs: Math.floor((mix32(seed, id, 1) / 2 ** 32) * (jitter + 1)),
    fails: mix32(seed, id, 2) / 2 ** 32 < fail,
  };
}
