/**
 * The desktop app end to end, in Electron itself: the secure window, a run of every model through
 * IPC (the processes model in utility processes), and a quit that leaves no process behind.
 * Skips with a message where Electron's runtime binary is not installed (see ENVIRONMENT.md).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';

const mainEntry = resolve(__dirname, '../../out/main/index.js');

/** The Electron executable, or null when only the npm package (no binary) is installed. */
function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path, and throws when its install step never ran.
    const path: unknown = createRequire(__filename)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Skips (or, with ELECTRON_E2E_REQUIRED=1, fails) when Electron cannot run here. */
function requireElectron(): string {
  const binary = electronBinary();
  let reason: string | null = null;
  if (!binary)
    reason =
      "Electron's runtime binary is not installed (run: node node_modules/electron/install.js): e2e/electron skipped";
  else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    reason =
      'no display for Electron (run under: xvfb-run -a npx playwright test --project=electron): e2e/electron skipped';
  if (reason && process.env.ELECTRON_E2E_REQUIRED === '1')
    throw new Error(`ELECTRON_E2E_REQUIRED=1 but ${reason}`);
  test.skip(reason !== null, reason ?? '');
  return binary!;
}

/** Whether a process with this pid still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

test.describe('Concurrency Lab desktop app', () => {
  let app: ElectronApplication | null = null;

  test.beforeEach(() => {
    requireElectron();
    expect(existsSync(mainEntry), `missing ${mainEntry}: run "npm run build" first`).toBe(true);
  });

  test.afterEach(async () => {
    await app?.close().catch(() => undefined);
    app = null;
  });

  test('runs io-sleep on every model, with a locked-down window, and leaves no process behind', async () => {
    app = await electron.launch({
      args: [mainEntry],
      // Electron prints its security warnings to the page console; force them on to prove there are none.
      env: { ...process.env, ELECTRON_ENABLE_SECURITY_WARNINGS: 'true' },
    });
    const window = await app.firstWindow();
    const consoleMessages: string[] = [];
    window.on('console', (message) => consoleMessages.push(message.text()));

    await expect(window).toHaveTitle('Concurrency Lab');
    expect(window.url()).toBe('app://lab/index.html');

    // The page sees the one API object and nothing of Node or Electron; COOP/COEP made it cross-origin isolated.
    const page = await window.evaluate(() => {
      const global = globalThis as Record<string, unknown>;
      const api = global.concurrencyLab as Record<string, unknown> | undefined;
      return {
        api: api ? Object.keys(api).sort() : null,
        require: typeof global.require,
        process: typeof global.process,
        crossOriginIsolated: global.crossOriginIsolated,
      };
    });
    expect(page).toEqual({
      api: ['invoke', 'on'],
      require: 'undefined',
      process: 'undefined',
      crossOriginIsolated: true,
    });

    await window.getByLabel('Scenario').selectOption('io-sleep');
    await window.getByLabel('Tasks', { exact: true }).fill('4');
    await window.getByLabel(/Task time/).fill('200');
    await window.getByRole('button', { name: 'Run', exact: true }).click();

    const results = window
      .locator('table')
      .filter({ has: window.locator('thead th:first-child', { hasText: /^\s*Model\s*$/ }) });
    await expect(results.locator('tbody tr[data-model]')).toHaveCount(5, { timeout: 60_000 });

    // Every process of the app (renderer, GPU, utility processes), measured before quitting.
    const pids = await app.evaluate(({ app: electronApp }) =>
      electronApp.getAppMetrics().map((metric) => metric.pid),
    );
    const mainPid = app.process().pid;
    expect(consoleMessages.filter((text) => text.includes('Electron Security Warning'))).toEqual([]);

    await app.close();
    app = null;
    await expect
      .poll(() => [...pids, ...(mainPid ? [mainPid] : [])].filter(alive), { timeout: 10_000 })
      .toEqual([]);
  });
});
