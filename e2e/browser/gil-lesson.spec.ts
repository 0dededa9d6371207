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

async function openLesson(page: Page, withPython = false): Promise<void> {
  await page.goto(server.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'GIL lesson' }).click();
  // The simulation's own tests leave CPython out (it takes seconds); the side-by-side test keeps it.
  const python = page.getByLabel(/Run real CPython beside it/);
  await expect(python).toBeChecked();
  if (!withPython) await python.uncheck();
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

test('the simulated GIL and the real one side by side: py-threads beside gil-threads on the same work, the claim checked', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await openLesson(page, true);
  await expect(
    page.getByText(/Each runs sequential, threads, gil-threads, py-sequential, py-threads/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Run the CPU comparison' }).click();
  const cpuReal = await speedup(page, 'data-speedup-cpu-py-threads');
  const cpuSimulated = await speedup(page, 'data-speedup-cpu-gil-threads');
  expect(cpuReal).toBeGreaterThan(0);
  expect(cpuSimulated).toBeGreaterThan(0);
  // What CPython measured of its own GIL, beside the simulated GIL's per-lane table.
  const real = page.locator('.gil-real');
  await expect(real.getByRole('table')).toBeVisible();
  await expect(real.getByText('1 ms sleep woke late by')).toBeVisible();
  await expect(page.locator('.gil-lanes').getByRole('table')).toBeVisible();
  await page.getByRole('button', { name: 'Run the I/O comparison' }).click();
  const ioReal = await speedup(page, 'data-speedup-io-py-threads');
  expect(ioReal).toBeGreaterThan(1.5);
  const claim = page.getByRole('list', { name: 'Simulated and real GIL' }).getByRole('listitem');
  await expect(claim).toContainText('the simulation matches CPython');
  // Decided either way once both comparisons ran with both models: measured, never assumed —
  // unless the lab measured other processes taking the machine, when it says so and leaves it unjudged.
  await expect(claim).toHaveAttribute('data-holds', /^(true|false|null)$/);
  if ((await claim.getAttribute('data-holds')) === 'null') {
    await expect(claim).toContainText('Not judged, busy machine');
    await expect(page.locator('[data-busy-machine]')).toBeVisible();
  }
  await testInfo.attach('gil-side-by-side', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});
