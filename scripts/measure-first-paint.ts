/**
 * `npm run measure:first-paint [-- --runs N]`: how long from launching browser mode
 * (`concurrency-lab serve`) until its UI is on screen in an already open Chromium (as after
 * `serve --open`). Milestones from the launch: the server prints its URL; Chromium's first contentful
 * paint; the first frame with the app's header; the first frame with the machine line (the catalog
 * has come over the WebSocket: the lab is usable). Median of N cold server starts, fresh data each time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';

const root = resolve(__dirname, '..');
const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => Boolean(path && existsSync(path)),
);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Milliseconds from the launch to each milestone. */
interface Sample {
  readonly url: number;
  readonly firstContentfulPaint: number;
  readonly header: number;
  readonly ready: number;
}

/** What the page's globals offer, typed here because this file compiles without the DOM library. */
interface PageGlobals {
  __paintMarks?: Record<string, number>;
  requestAnimationFrame(callback: () => void): number;
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
  };
  document: { querySelector(selector: string): unknown };
}

/** Runs in the page before any of its scripts: stamps the first frame after the header, then the machine line, appear. */
function stampFrames(): void {
  const page = globalThis as unknown as PageGlobals;
  const marks: Record<string, number> = {};
  page.__paintMarks = marks;
  const stamp = (name: string): void => {
    // Two frames: the first commits the DOM, the frame after it has been presented.
    page.requestAnimationFrame(() =>
      page.requestAnimationFrame(() => (marks[name] ??= performance.timeOrigin + performance.now())),
    );
  };
  new page.MutationObserver(() => {
    if (!('header' in marks) && page.document.querySelector('.app-header')) stamp('header');
    if (!('ready' in marks) && page.document.querySelector('.app-header .machine')) stamp('ready');
  }).observe(page.document, { childList: true, subtree: true });
}

function startServer(dataDir: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [join(root, 'bin/concurrency-lab.js'), 'serve', '--port', '0'], {
    cwd: dataDir,
    env: { ...process.env, CONCURRENCY_LAB_DATA_DIR: join(dataDir, 'data') },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) done(out.split('\n')[0]!.trim());
    });
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}`)));
  });
  return { child, url };
}

async function measureOnce(browser: Browser): Promise<Sample> {
  const sandbox = mkdtempSync(join(tmpdir(), 'first-paint-'));
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.addInitScript(stampFrames);
  const launchedAt = Date.now();
  const server = startServer(sandbox);
  try {
    const url = await server.url;
    const urlAt = Date.now();
    await page.goto(url);
    await page.waitForFunction(
      () => {
        const marks = (globalThis as unknown as PageGlobals).__paintMarks;
        return marks !== undefined && 'ready' in marks;
      },
      null,
      { timeout: 30_000 },
    );
    const marks = await page.evaluate(() => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const stamped = (globalThis as unknown as PageGlobals).__paintMarks ?? {};
      return {
        header: stamped.header ?? Number.NaN,
        ready: stamped.ready ?? Number.NaN,
        fcp: performance.timeOrigin + (paint?.startTime ?? Number.NaN),
      };
    });
    return {
      url: urlAt - launchedAt,
      firstContentfulPaint: marks.fcp - launchedAt,
      header: marks.header - launchedAt,
      ready: marks.ready - launchedAt,
    };
  } finally {
    await context.close();
    server.child.kill('SIGTERM');
    await new Promise((done) =>
      server.child.exitCode === null ? server.child.once('exit', done) : done(null),
    );
    rmSync(sandbox, { recursive: true, force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  if (!chromiumPath) throw new Error('no Chromium found: set CHROMIUM_PATH (or apt-get install chromium)');
  if (!existsSync(join(root, 'out/renderer/index.html')))
    throw new Error('the app is not built: run "npm run build"');
  const browserStart = Date.now();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const browserLaunch = Date.now() - browserStart;
  try {
    // One unmeasured run warms the file cache, as an installed app's second start would be.
    await measureOnce(browser);
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await measureOnce(browser));
    const row = (label: string, pick: (s: Sample) => number): string => {
      const values = samples.map(pick);
      return `${label.padEnd(48)} ${median(values).toFixed(0).padStart(6)} ms   (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
    };
    console.log(`Browser mode, launch of "concurrency-lab serve" → …, median of ${runs} (min–max):`);
    console.log(row('server prints its URL', (s) => s.url));
    console.log(row('first contentful paint', (s) => s.firstContentfulPaint));
    console.log(row('first frame with the app header (first paint)', (s) => s.header));
    console.log(row('first frame with the catalog (usable)', (s) => s.ready));
    console.log(`(Chromium itself took ${browserLaunch} ms to launch, before the measurement.)`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`measure:first-paint: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
