/**
 * Real CPython in the race, as a user sees it in browser mode: Node threads, the simulated GIL and
 * two CPython models on the same tasks, one table with checked answers, lanes for the Python threads
 * and processes, what CPython measured, and the Python that ran.
 */
import { expect, test } from '@playwright/test';
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

test('a race of threads, gil-threads, py-threads and py-processes: four rows, checked answers, Python lanes', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(server.url);
  await page.getByLabel('Scenario').selectOption('cpu-primes');
  await page.getByLabel('Tasks', { exact: true }).fill('4');
  await page.getByLabel('Task time', { exact: true }).fill('20');
  await page.getByLabel('Threads', { exact: true }).fill('2');
  await page.getByLabel('Processes', { exact: true }).fill('2');
  // CPython is opt-in: grouped under the interpreter found, unticked until asked for.
  const cpython = page.getByRole('list', { name: /^CPython 3\.\d+\.\d+, GIL$/ });
  await expect(cpython.getByLabel('py-threads', { exact: true })).not.toBeChecked();
  for (const model of ['sequential', 'async', 'processes'])
    await page.getByLabel(model, { exact: true }).uncheck();
  for (const model of ['py-threads', 'py-processes'])
    await cpython.getByLabel(model, { exact: true }).check();
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  // The forecast says how long CPython will take before it starts.
  await expect(
    page
      .getByRole('note')
      .filter({ hasText: /as long as Node on a sample of count-primes: expect py-threads ≈/ }),
  ).toBeVisible({
    timeout: 60_000,
  });
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Model' }) });
  const rows = table.locator('tbody tr[data-model]');
  await expect(rows).toHaveCount(4, { timeout: 90_000 });
  await expect(page.getByText(/^Finished/)).toBeVisible({ timeout: 90_000 });
  for (const model of ['threads', 'gil-threads', 'py-threads', 'py-processes'])
    await expect(table.locator(`tbody tr[data-model="${model}"]`)).toBeVisible();
  await expect(page.getByText(/checked, and every model agrees/)).toBeVisible();
  await expect(table.locator('tbody tr[data-model="py-threads"]')).toContainText(
    'add py-sequential for a Python speedup',
  );

  const lanes = page.getByRole('img', { name: /^Lanes timeline/ });
  await expect(lanes).toHaveAttribute('aria-label', /py-threads 2 lanes/);
  await expect(lanes).toHaveAttribute('aria-label', /py-processes 2 lanes/);

  await expect(page.getByRole('region', { name: 'Measured inside CPython: py-processes' })).toContainText(
    'time.process_time',
  );
  await testInfo.attach('python-race', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });

  // The Python that ran, read-only.
  await page
    .getByRole('region', { name: 'Measured inside CPython: py-threads' })
    .getByRole('button', { name: 'Python code' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Python code of py-threads' });
  await expect(dialog.locator('.source-focus')).toContainText('class ThreadPool(');
  await testInfo.attach('python-code', { body: await page.screenshot(), contentType: 'image/png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});
