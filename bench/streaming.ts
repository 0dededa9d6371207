/**
 * (d) Streaming without flooding: a 100,000-task run on all five models in browser mode, in Chromium.
 * Measures the renderer's frame times (gaps between animation frames, in the page) and the server's
 * main-process event-loop delay (its own system:stats, one histogram per second) during the run.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import type { SystemStats } from '../src/shared/views';
import type { WsServerMessage } from '../src/shared/ws-protocol';
import { serveForBench } from './serve';

/** What the streaming benchmark measured. */
export interface StreamingResult {
  readonly tasks: number;
  readonly runSeconds: number;
  readonly frames: number;
  readonly frameP95Ms: number;
  readonly frameMaxMs: number;
  readonly loopP99WorstMs: number;
  readonly loopP99MedianMs: number;
  readonly loopSeconds: number;
  readonly loopSecondsOver20: number;
  readonly snapshotsPerSecondMax: number;
  readonly largestSnapshotBytes: number;
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? 0;
};

export async function streamingBenchmark(root: string, tasks = 100_000): Promise<StreamingResult> {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && existsSync(p),
  );
  if (!executablePath) throw new Error('no Chromium found (set CHROMIUM_PATH)');
  const server = await serveForBench(root, 'streaming');
  const origin = new URL(server.url).origin;
  const stats: SystemStats[] = [];
  const snapshotTimes: number[] = [];
  let largestSnapshot = 0;
  let running = false;
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/api`, { origin });
  const finished = new Promise<void>((done) => {
    socket.on('message', (data) => {
      const text = data.toString();
      const message = JSON.parse(text) as WsServerMessage;
      if (message.type !== 'event') return;
      if (message.event === 'system:stats' && running) stats.push(message.payload);
      if (
        process.env.BENCH_DEBUG &&
        message.event === 'system:stats' &&
        message.payload.eventLoopDelay.max > 50
      ) {
        console.log(
          `  slow second at ${new Date(message.payload.at).toISOString()}: max ${message.payload.eventLoopDelay.max.toFixed(0)} ms, p99 ${message.payload.eventLoopDelay.p99.toFixed(0)} ms`,
        );
      }
      if (
        process.env.BENCH_DEBUG &&
        message.event === 'run:progress' &&
        message.payload.kind !== 'snapshot'
      ) {
        console.log(
          `  ${new Date().toISOString()} ${message.payload.kind} ${message.payload.kind === 'model-finished' ? `${message.payload.result.model} (${text.length} bytes)` : message.payload.kind === 'forecast' ? message.payload.forecast.message : message.payload.message}`,
        );
      }
      if (process.env.BENCH_DEBUG && message.event === 'run:finished')
        console.log(`  ${new Date().toISOString()} run:finished (${text.length} bytes)`);
      if (message.event === 'run:progress' && message.payload.kind === 'snapshot') {
        running = true;
        snapshotTimes.push(performance.now());
        largestSnapshot = Math.max(largestSnapshot, text.length);
      }
      if (message.event === 'run:finished' || message.event === 'run:failed') done();
    });
  });
  await new Promise((done) => socket.once('open', done));

  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(server.url);
    await page.getByLabel('Scenario').selectOption('io-sleep');
    await page.getByLabel('Tasks', { exact: true }).fill(String(tasks));
    await page.getByLabel('Task time', { exact: true }).fill('1');
    await page.evaluate(() => {
      // Runs in the page; typed locally because this file compiles without the DOM library.
      const page = globalThis as unknown as {
        __gaps: number[];
        requestAnimationFrame(callback: (now: number) => void): number;
      };
      const gaps: number[] = [];
      page.__gaps = gaps;
      let last = performance.now();
      const tick = (now: number): void => {
        gaps.push(now - last);
        last = now;
        page.requestAnimationFrame(tick);
      };
      page.requestAnimationFrame(tick);
    });
    const t0 = performance.now();
    await page.getByRole('button', { name: 'Run' }).click();
    await finished;
    const runSeconds = (performance.now() - t0) / 1000;
    const gaps = await page.evaluate(() => (globalThis as unknown as { __gaps: number[] }).__gaps);
    const perSecond = new Map<number, number>();
    for (const t of snapshotTimes)
      perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    const loopP99 = stats.map((s) => s.eventLoopDelay.p99);
    return {
      tasks,
      runSeconds,
      frames: gaps.length,
      frameP95Ms: quantile(gaps, 0.95),
      frameMaxMs: Math.max(...gaps),
      loopP99WorstMs: Math.max(...loopP99),
      loopP99MedianMs: quantile(loopP99, 0.5),
      loopSeconds: loopP99.length,
      loopSecondsOver20: loopP99.filter((ms) => ms > 20).length,
      snapshotsPerSecondMax: Math.max(...perSecond.values()),
      largestSnapshotBytes: largestSnapshot,
    };
  } finally {
    await browser.close();
    socket.close();
    server.stop();
  }
}
