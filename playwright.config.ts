import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run in a system Chromium (never a downloaded one): CHROMIUM_PATH, else
 * /usr/bin/chromium. Without a browser they skip with a message, unless E2E_REQUIRED=1 (CI) makes
 * that a failure. e2e/electron runs only where Electron's binary exists.
 */
const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
export const chromiumPath = candidates.find((path): path is string => Boolean(path && existsSync(path)));

/** The browser specs whose assertions are measured speeds: they never share the machine with another spec. */
const MEASURING_SPECS = ['gil-lesson.spec.ts', 'responsiveness.spec.ts'];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // Two spec files at a time (each starts its own server, on its own port and data folder); the
  // specs that measure speed run after them, alone (see projects).
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'browser', testDir: 'e2e/browser', testIgnore: MEASURING_SPECS },
    // These compare measured speedups and frame times, which a neighbouring spec would skew on a
    // 2-core machine: each runs once everything before it has finished, with nothing beside it.
    {
      name: 'browser: the GIL lesson, alone',
      testDir: 'e2e/browser',
      testMatch: MEASURING_SPECS[0]!,
      dependencies: ['browser'],
    },
    {
      name: 'browser: responsiveness, alone',
      testDir: 'e2e/browser',
      testMatch: MEASURING_SPECS[1]!,
      dependencies: ['browser: the GIL lesson, alone'],
    },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
