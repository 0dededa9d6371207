/**
 * (j) Zooming the lanes timeline of a 100,000-task run, in Chromium against browser mode: the run
 * (io-sleep, 1 ms tasks, on threads, gil-threads and async: 6, 6 and 64 shown of 100,000 lanes)
 * finishes first, then the wheel zooms in and out around moving points, with pauses that let the
 * engine's finer windows arrive and be drawn. For each wheel step the page measures its frame time:
 * the main-thread time of the input handler (the view's state, the toolbar's re-render) plus the
 * next frame's work (from the first animation-frame callback, ahead of the timeline's, to a message
 * posted in it, which runs once that frame is drawn and painted). Not the gap between frames: at
 * 60 Hz that sits at 16.7 ms however little a frame costs.
 */
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { serveForBench } from './serve';

/** What the zoom benchmark measured. */
export interface TimelineZoomResult {
  readonly tasks: number;
  readonly runSeconds: number;
  readonly steps: number;
  readonly frameP50Ms: number;
  readonly frameP95Ms: number;
  readonly frameMaxMs: number;
  /** The zoom reached at the deepest step, times the whole run. */
  readonly deepestZoom: string;
}

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] ?? 0;
};

/** Installs the per-step frame meter in the page (typed locally: this file compiles without the DOM library). */
async function installMeter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as {
      __zoomFrames: number[];
      addEventListener(type: string, listener: () => void, options?: { capture: boolean }): void;
      requestAnimationFrame(callback: () => void): number;
    };
    const frames: number[] = [];
    scope.__zoomFrames = frames;
    let handlerStart = 0;
    let handlerMs = 0;
    scope.addEventListener(
      'wheel',
      () => {
        handlerStart = performance.now();
        // Registered before the handler runs, so in the next frame it runs ahead of the timeline's draw.
        scope.requestAnimationFrame(() => {
          const frameStart = performance.now();
          // The page's MessageChannel (this file's types are Node's, which has no onmessage).
          const channel = new MessageChannel() as unknown as {
            port1: { onmessage: (() => void) | null };
            port2: { postMessage(value: number): void };
          };
          channel.port1.onmessage = () => frames.push(handlerMs + performance.now() - frameStart);
          channel.port2.postMessage(0);
        });
      },
      { capture: true },
    );
    scope.addEventListener('wheel', () => (handlerMs = performance.now() - handlerStart), { capture: false });
  });
}

/** Runs the benchmark; `tasks` smaller than 100,000 checks that it works. */
export async function timelineZoomBenchmark(root: string, tasks = 100_000): Promise<TimelineZoomResult> {
  const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (p) => p && existsSync(p),
  );
  if (!executablePath) throw new Error('no Chromium found (set CHROMIUM_PATH)');
  const server = await serveForBench(root, 'zoom');
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
    for (const model of ['sequential', 'processes']) await page.getByLabel(model, { exact: true }).uncheck();
    const t0 = performance.now();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const rows = page.getByRole('table').locator('tbody tr[data-model]');
    await rows.nth(2).waitFor({ timeout: 30 * 60_000 });
    const runSeconds = (performance.now() - t0) / 1000;

    const lanes = page.getByRole('img', { name: /^Lanes timeline/ });
    await lanes.scrollIntoViewIfNeeded();
    const box = (await lanes.boundingBox())!;
    await lanes.focus();
    await installMeter(page);
    const range = page.getByRole('status', { name: 'Time range on screen' });
    let deepest = '';
    // Four sweeps: zoom in 40 steps around a point, pausing for the finer windows, then back out.
    for (const [sweep, at] of [0.2, 0.5, 0.75, 0.95].entries()) {
      const x = box.x + 120 + (box.width - 140) * at;
      const y = box.y + Math.min(box.height - 20, 60 + sweep * 90);
      await page.mouse.move(x, y);
      for (let step = 0; step < 40; step++) {
        await page.mouse.wheel(0, -120);
        if (step % 10 === 9) await page.waitForTimeout(300);
      }
      deepest = await range.innerText();
      for (let step = 0; step < 40; step++) {
        await page.mouse.wheel(0, 120);
        if (step % 10 === 9) await page.waitForTimeout(300);
      }
    }
    await page.waitForTimeout(200);
    const frames = await page.evaluate(
      () => (globalThis as unknown as { __zoomFrames: number[] }).__zoomFrames,
    );
    return {
      tasks,
      runSeconds,
      steps: frames.length,
      frameP50Ms: quantile(frames, 0.5),
      frameP95Ms: quantile(frames, 0.95),
      frameMaxMs: Math.max(...frames),
      deepestZoom: deepest,
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
