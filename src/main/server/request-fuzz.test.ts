/**
 * Fuzz suite of the request validation, on both transports: seeded requests that are each wrong in
 * one way, straight to the service (the path every Electron IPC handler takes once the sender is
 * checked, with values only structured clone can carry) and as frames on a real WebSocket to
 * browser mode (plus broken envelopes). Every one gets a typed error, nothing starts, and the lab is
 * healthy after. Thousands here; FUZZ_MESSAGES=100000 (and FUZZ_SEED) for a longer search.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabErrorCode, LabEvent, Reply } from '../../shared/ipc';
import { builtHostScripts } from '../../test-support/engine-options';
import { brokenFrames, fuzzRequests } from '../../test-support/fuzz-requests';
import { LabSocket } from '../../test-support/lab-socket';
import { createLabService, type LabService } from '../engine/lab-service';
import { forkSpawner } from '../engine/models/process-spawner';
import { startBrowserServer, type BrowserServer } from './browser-server';
import { DEFAULT_REQUEST_LIMITS } from './request-budget';

const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_207);
const REFUSALS: readonly LabErrorCode[] = ['invalid-request', 'unknown-channel'];

let service: LabService;
let server: BrowserServer;
const events: LabEvent[] = [];

beforeAll(async () => {
  service = createLabService({
    engine: { hostScripts: builtHostScripts(), spawner: forkSpawner, callingThread: 'dedicated' },
  });
  service.subscribe((event) => events.push(event));
  server = await startBrowserServer({
    service,
    rendererDir: resolve(__dirname, '../../../out/renderer'),
    host: '127.0.0.1',
    port: 0,
    tokens: null,
    // Thousands of frames a second: far over a window's budget, which request-budget tests on its own.
    requests: { ...DEFAULT_REQUEST_LIMITS, perSecond: 1_000_000, burst: 1_000_000 },
  });
});

afterAll(async () => {
  await server.close();
  await service.close();
});

/** What the test tallies: replies by error code, and anything that was not a typed refusal. */
function tally(): { readonly codes: Map<string, number>; check(reply: Reply<unknown>, what: string): void } {
  const codes = new Map<string, number>();
  return {
    codes,
    check(reply, what) {
      const code = reply.ok ? 'ok' : reply.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (reply.ok || !REFUSALS.includes(reply.error.code) || reply.error.message === '')
        expect.fail(`${what}: expected a typed refusal, got ${JSON.stringify(reply).slice(0, 300)}`);
    },
  };
}

/** Nothing ran: no run or lesson event was ever sent. */
function nothingStarted(): void {
  expect(events.filter((e) => e.event.startsWith('run:') || e.event.startsWith('lesson:'))).toEqual([]);
}

describe(`request fuzz (${MESSAGES} per transport, seed ${SEED})`, () => {
  it('refuses every broken IPC request with a typed error, values of structured clone included', async () => {
    const next = fuzzRequests(SEED, { cloneValues: true });
    const seen = tally();
    for (let i = 0; i < MESSAGES; i++) {
      const request = next();
      seen.check(
        await service.handle(request.channel, request.payload),
        `#${i} ${String(request.channel)} (${request.broken})`,
      );
    }
    nothingStarted();
    expect(seen.codes.get('invalid-request')).toBeGreaterThan(MESSAGES / 2);
  });

  it('refuses every broken frame on the WebSocket with a typed error, and stays healthy', async () => {
    const socket = await LabSocket.open(`http://127.0.0.1:${server.port}/`);
    const nextRequest = fuzzRequests(SEED + 1);
    const nextFrame = brokenFrames(SEED + 2);
    const seen = tally();
    try {
      for (let i = 0; i < MESSAGES; i++) {
        if (i % 4 === 3) {
          const { frame, broken } = nextFrame();
          seen.check(await socket.sendNext(frame), `#${i} frame (${broken})`);
        } else {
          const request = nextRequest();
          const frame = JSON.stringify({
            type: 'invoke',
            id: i,
            channel: request.channel,
            payload: request.payload,
          });
          seen.check(await socket.send(frame, i), `#${i} ${String(request.channel)} (${request.broken})`);
        }
      }
      nothingStarted();

      // Healthy: the same connection still answers, and a real run starts, finishes and is listed.
      expect((await socket.invoke('lab:catalog', null)).ok).toBe(true);
      const started = await socket.invoke('run:start', {
        scenario: 'io-sleep',
        params: { tasks: 1, taskMs: 1 },
        models: ['async'],
      });
      if (!started.ok) throw new Error(started.error.message);
      const { runId } = started.value as { runId: string };
      await socket.waitFor((e) => e.event === 'run:finished' && e.payload.run.runId === runId);
      const listed = await socket.invoke('history:list', null);
      expect(listed.ok && (listed.value as { runId: string }[]).map((item) => item.runId)).toEqual([runId]);
    } finally {
      socket.close();
    }
  });
});
