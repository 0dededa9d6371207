/** Skips browser tests with a clear message when no system Chromium exists, unless E2E_REQUIRED=1 (CI) demands them. */
import { test } from '@playwright/test';
import { chromiumPath } from '../../playwright.config';

/** Call at the top of a describe block of browser tests. */
export function requireChromium(): void {
  if (chromiumPath) return;
  const message = 'no Chromium found (set CHROMIUM_PATH, or apt-get install chromium): browser e2e skipped';
  if (process.env.E2E_REQUIRED === '1') throw new Error(`E2E_REQUIRED=1 but ${message}`);
  test.skip(true, message);
}
