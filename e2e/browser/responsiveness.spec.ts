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

async function openLab(page: Page): Promise<void> {
  await page.goto(server.url);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Responsiveness' })
    .click();
  await page.getByLabel('Job time', { exact: true }).fill('2000');
}

/** Presses a job button and returns the new result row once it is there. */
async function press(page: Page, button: string, placement: string) {
  const rows = page
    .getByRole('table', { name: 'Responsiveness results' })
    .locator(`tbody tr[data-placement="${placement}"]`);
  const before = await rows.count();
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(rows).toHaveCount(before + 1, { timeout: 60_000 });
  const row = rows.nth(before);
  const jobMs = Number(await row.locator('[data-ms]').nth(0).getAttribute('data-ms'));
  const gap = Number(await row.locator('[data-ms]').nth(1).getAttribute('data-ms'));
  const verdict = (await row.locator('td').last().innerText()).trim();
  return { row, jobMs, gap, verdict };
}

test('a 2 s job on the renderer thread freezes the page: no frame for most of the job, verdict "froze"', async ({
  page,
}, testInfo) => {
  await openLab(page);
  const { jobMs, gap, verdict } = await press(page, 'Run on the renderer thread', 'renderer-thread');
  // The job is sized by the engine's own speed and the page may count faster (1.3 s of 2 in one CI
  // run): what must hold is that the page drew nothing for most of the time the job took. "Most" is
  // more than half (a CI run saw 1,767 ms of 2,383, 74%); a job off this thread has no gap over 250 ms.
  expect(gap).toBeGreaterThan(0.5 * jobMs);
  expect(verdict).toBe('froze');
  await testInfo.attach('renderer-thread', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

for (const [button, placement] of [
  ['Run in a Web Worker', 'web-worker'],
  ['Run in a worker thread', 'worker-thread'],
  ['Run in a child process', 'process'],
] as const) {
  test(`a 2 s job ${button.replace('Run ', '')} keeps the page smooth: frame gaps of 250 ms at most, verdict "smooth"`, async ({
    page,
  }) => {
    await openLab(page);
    const { gap, verdict } = await press(page, button, placement);
    expect(gap).toBeLessThanOrEqual(250);
    expect(verdict).toBe('smooth');
  });
}

test('a 2 s job on the main process thread: the page says the main process was unresponsive for 1.5 s or more', async ({
  page,
}, testInfo) => {
  await openLab(page);
  await press(page, 'Run on the main process thread', 'main-thread');
  const alert = page.getByRole('alert').filter({ hasText: /main process unresponsive for/ });
  await expect(alert).toBeVisible();
  const seconds = Number(/unresponsive for ([\d.]+) s/.exec(await alert.innerText())?.[1]);
  expect(seconds).toBeGreaterThanOrEqual(1.5);
  await testInfo.attach('main-thread', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('the async trap: a blocking sleep delays the other tasks by at least the sleep', async ({
  page,
}, testInfo) => {
  await openLab(page);
  await page.getByLabel('Sleep', { exact: true }).fill('1000');
  const finished = page.getByText(/pollers finished at/);
  await page.getByRole('button', { name: 'Run the async trap (awaited sleep)' }).click();
  await expect(finished).toHaveCount(1, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Run the async trap (blocking sleep)' }).click();
  await expect(finished).toHaveCount(2, { timeout: 30_000 });
  const times = await finished.evaluateAll((nodes) =>
    nodes.map((node) =>
      Number(node.getAttribute('data-ms') ?? node.querySelector('[data-ms]')?.getAttribute('data-ms')),
    ),
  );
  const [awaited, blocking] = times as [number, number];
  expect(blocking - awaited).toBeGreaterThanOrEqual(1000 * 0.9);
  await testInfo.attach('async-trap', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});
