import { availableParallelism } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();

let server: LabServer;
test.beforeAll(async () => {
  server = await startLabServer();
});
test.afterAll(async () => {
  await server?.stop();
});

async function openLesson(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'GIL lesson' }).click();
}

async function speedup(page: Page, attribute: string): Promise<number> {
  const holder = page.locator(`[${attribute}]`).first();
  await expect(holder).toHaveAttribute(attribute, /\d/, { timeout: 90_000 });
  return Number(await holder.getAttribute(attribute));
}

// A speedup is a measured ratio: on a shared CI machine a neighbour can steal a core for a few
// seconds, so this test may take another attempt. The assertions themselves are never relaxed.
test.describe.configure({ retries: 2 });

test('CPU work: gil-threads gains nothing over sequential, threads use the cores', async ({
  page,
}, testInfo) => {
  await openLesson(page);
  await page.getByRole('button', { name: 'Run the CPU comparison' }).click();
  const gil = await speedup(page, 'data-speedup-cpu-gil-threads');
  expect(gil).toBeLessThanOrEqual(1.3);
  const threads = await speedup(page, 'data-speedup-cpu-threads');
  if (availableParallelism() >= 2) expect(threads).toBeGreaterThanOrEqual(1.4);
  else
    test
      .info()
      .annotations.push({ type: 'skip-assertion', description: 'one core: no thread can run in parallel' });
  await expect(page.getByText(/GIL holder/).first()).toBeVisible();
  await testInfo.attach('gil-cpu', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('I/O work: waits still overlap under the GIL', async ({ page }, testInfo) => {
  await openLesson(page);
  await page.getByRole('button', { name: 'Run the I/O comparison' }).click();
  const gil = await speedup(page, 'data-speedup-io-gil-threads');
  const threads = await speedup(page, 'data-speedup-io-threads');
  expect(gil).toBeGreaterThan(1.5); // 8 waits on 2 threads: 2x at best, for both
  expect(gil).toBeGreaterThan(threads * 0.7);
  await testInfo.attach('gil-io', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});
