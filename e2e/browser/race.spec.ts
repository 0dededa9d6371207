import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_MODEL_IDS } from '../../src/shared/models';
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

async function setUp(page: Page, scenario: string, knobs: Record<string, string>): Promise<void> {
  await page.goto(server.url);
  await page.getByLabel('Scenario').selectOption(scenario);
  for (const [label, value] of Object.entries(knobs))
    await page.getByLabel(label, { exact: true }).fill(value);
  for (const model of DEFAULT_MODEL_IDS) await expect(page.getByLabel(model, { exact: true })).toBeChecked();
}

function resultsTable(page: Page) {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Model' }) });
}

/** Pixels of the lanes canvas that differ from its top-left (background) pixel. */
async function paintedLanePixels(page: Page): Promise<number> {
  return page.getByRole('img', { name: /lanes/i }).evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')!;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (
        Math.abs(data[i]! - data[0]!) +
          Math.abs(data[i + 1]! - data[1]!) +
          Math.abs(data[i + 2]! - data[2]!) >
        60
      )
        painted++;
    }
    return painted;
  });
}

test('io-sleep on the five default models: progress moves, lanes are drawn, the table has five rows', async ({
  page,
}, testInfo) => {
  await setUp(page, 'io-sleep', { Tasks: '6', 'Task time': '400' });
  await page.getByRole('button', { name: 'Run' }).click();

  const sequential = page.getByRole('progressbar', { name: 'sequential progress', exact: true });
  await expect(sequential).toHaveAttribute('aria-valuenow', /^[1-5]$/);
  expect(await paintedLanePixels(page)).toBeGreaterThan(200);
  await testInfo.attach('mid-run', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });

  const rows = resultsTable(page).locator('tbody tr[data-model]');
  await expect(rows).toHaveCount(DEFAULT_MODEL_IDS.length, { timeout: 60_000 });
  for (const model of DEFAULT_MODEL_IDS) await expect(rows.filter({ hasText: model }).first()).toBeVisible();
  await expect(page.getByText(/faster than sequential/).first()).toBeVisible();
  for (const model of DEFAULT_MODEL_IDS) {
    await expect(page.getByRole('progressbar', { name: `${model} progress`, exact: true })).toHaveAttribute(
      'aria-valuenow',
      '6',
    );
  }
  await testInfo.attach('finished', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('a CPU scenario on the five default models fills the table and explains the winner', async ({
  page,
}, testInfo) => {
  await setUp(page, 'cpu-primes', { Tasks: '4', 'Task time': '150' });
  await page.getByRole('button', { name: 'Run' }).click();
  const rows = resultsTable(page).locator('tbody tr[data-model]');
  await expect(rows).toHaveCount(DEFAULT_MODEL_IDS.length, { timeout: 60_000 });
  await expect(
    page.getByText(/ran .+× faster than sequential|No model beat the plain loop/).first(),
  ).toBeVisible();
  expect(await paintedLanePixels(page)).toBeGreaterThan(200);
  await testInfo.attach('cpu-primes', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('Cancel mid-run returns every model to rest and leaves no child process', async ({ page }, testInfo) => {
  await setUp(page, 'io-sleep', { Tasks: '8', 'Task time': '30000' });
  for (const model of ['sequential', 'async', 'threads', 'gil-threads'])
    await page.getByLabel(model, { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('progressbar', { name: 'processes progress', exact: true })).toBeVisible();
  await expect.poll(() => server.children().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await expect(page.getByText('cancelled').first()).toBeVisible();
  await expect.poll(() => server.children(), { timeout: 5_000 }).toEqual([]);
  await testInfo.attach('cancelled', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('an out-of-range knob shows an inline error and starts nothing', async ({ page }, testInfo) => {
  await setUp(page, 'io-sleep', { Tasks: '0' });
  const tasks = page.getByLabel('Tasks', { exact: true });
  await expect(tasks).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('must be an integer from 1 to 100000')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run' })).toBeDisabled();
  await tasks.press('Enter');
  // The Race view may show its last run (kept across reloads); no new one starts.
  const phase = page.getByRole('region', { name: 'Race' }).getByRole('status');
  await expect(phase).not.toHaveText(/Starting|Preparing|Running/);
  expect(server.children()).toEqual([]);
  await testInfo.attach('invalid', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});
