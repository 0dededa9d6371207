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

/** Runs a comparison to its end (the lesson may show an earlier one, kept across reloads, until then). */
async function runComparison(page: Page, name: string): Promise<void> {
  const phase = page.getByRole('region', { name: 'Race' }).getByRole('status');
  await page.getByRole('button', { name }).click();
  await expect(phase).toHaveText(/Starting|Preparing|Running/);
  await expect(phase).toHaveText(/^Finished/, { timeout: 90_000 });
}

async function speedup(page: Page, attribute: string): Promise<number> {
  const holder = page.locator(`[${attribute}]`).first();
  await expect(holder).toHaveAttribute(attribute, /\d/, { timeout: 90_000 });
  return Number(await holder.getAttribute(attribute));
}

/**
 * Whether the lab found the machine busy during the run: its numbers are then unreliable by the
 * lab's own rule, and the test checks that it says so instead of checking the numbers.
 */
async function busyMachine(page: Page): Promise<boolean> {
  const notice = page
    .getByRole('note')
    .filter({ hasText: 'The machine was busy: these numbers are unreliable.' });
  if ((await notice.count()) === 0) return false;
  await expect(notice.first()).toBeVisible();
  test.info().annotations.push({
    type: 'busy-machine',
    description: 'numbers not asserted: the lab said the machine was busy',
  });
  return true;
}

// A speedup is a measured ratio: on a shared CI machine a neighbour can steal a core for a few
// seconds, so this test may take another attempt. The assertions themselves are never relaxed; when
// the lab's busy-machine rule says the numbers are unreliable, the test checks that it says so.
test.describe.configure({ retries: 2 });

test('CPU work: gil-threads gains nothing over sequential, threads use the cores', async ({
  page,
}, testInfo) => {
  await openLesson(page);
  await runComparison(page, 'Run the CPU comparison');
  const gil = await speedup(page, 'data-speedup-cpu-gil-threads');
  const threads = await speedup(page, 'data-speedup-cpu-threads');
  if (await busyMachine(page)) {
    // Not judged: the notice was checked instead.
  } else if (availableParallelism() >= 2) {
    expect(gil).toBeLessThanOrEqual(1.3);
    expect(threads).toBeGreaterThanOrEqual(1.4);
  } else
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
  await runComparison(page, 'Run the I/O comparison');
  const gil = await speedup(page, 'data-speedup-io-gil-threads');
  const threads = await speedup(page, 'data-speedup-io-threads');
  if (!(await busyMachine(page))) {
    expect(gil).toBeGreaterThan(1.5); // 8 waits on 2 threads: 2x at best, for both
    expect(gil).toBeGreaterThan(threads * 0.7);
  }
  await testInfo.attach('gil-io', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});
