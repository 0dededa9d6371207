/**
 * The distributed model in browser mode: a race of processes and distributed with both answers
 * checked, and the Cluster view — a room server started from the page, a `concurrency-lab worker`
 * from another terminal listed live, then given a lane of its own in the next race.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';
import { natsServerMissing } from '../support/nats';

requireChromium();
const missing = natsServerMissing();
test.skip(missing !== null, missing ?? '');

const bin = resolve(__dirname, '../../bin/concurrency-lab.js');
let server: LabServer;
test.beforeAll(async () => {
  server = await startLabServer();
});
test.afterAll(async () => {
  await server?.stop();
});

function resultsTable(page: Page) {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Model' }) });
}

async function race(page: Page, models: readonly string[]): Promise<void> {
  await page.getByRole('button', { name: 'Race', exact: true }).click();
  await page.getByLabel('Scenario').selectOption('cpu-primes');
  await page.getByLabel('Tasks', { exact: true }).fill('6');
  await page.getByLabel('Task time', { exact: true }).fill('30');
  for (const model of ['sequential', 'async', 'threads', 'gil-threads', 'processes', 'distributed']) {
    const box = page.getByLabel(model, { exact: true });
    if (models.includes(model)) await box.check();
    else await box.uncheck();
  }
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(resultsTable(page).locator('tbody tr[data-model]')).toHaveCount(models.length, {
    timeout: 60_000,
  });
}

test('a race of processes and distributed shows both rows, each answer checked', async ({
  page,
}, testInfo) => {
  await page.goto(server.url);
  // Opt-in: a new race does not tick it.
  await expect(page.getByLabel('distributed', { exact: true })).not.toBeChecked();
  await race(page, ['processes', 'distributed']);
  const rows = resultsTable(page).locator('tbody tr[data-model]');
  await expect(resultsTable(page).locator('tbody tr[data-model="processes"]')).toHaveCount(1);
  await expect(resultsTable(page).locator('tr[data-model="distributed"]')).toContainText(
    'through a private NATS server',
  );
  await expect(rows.filter({ hasText: 'wrong answer' })).toHaveCount(0);
  await expect(page.getByText(/Answer check:.*every model agrees/)).toBeVisible();
  await expect(page.getByRole('img', { name: /distributed \d+ lanes? \(done\)/ })).toBeVisible();
  await testInfo.attach('race', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('the Cluster view lists a worker that joined from another terminal, and the next race gives it a lane', async ({
  page,
}, testInfo) => {
  let worker: ChildProcess | null = null;
  try {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Cluster', exact: true }).click();
    await expect(page.getByText('Each distributed run starts a private NATS server')).toBeVisible();
    await page.getByLabel('Port').fill('0');
    await page.getByRole('button', { name: 'Start room server' }).click();
    const command = await page.locator('.cluster-command').innerText();
    expect(command).toMatch(
      /^concurrency-lab worker --server nats:\/\/127\.0\.0\.1:\d+ --user attendee --password \S+$/,
    );
    await expect(page.getByRole('img', { name: /QR code of the join command/ })).toBeVisible();

    worker = spawn(process.execPath, [bin, ...command.split(' ').slice(1), '--concurrency', '1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const workers = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Last heartbeat' }) });
    // The worker command starts one worker process: its row names that process.
    const row = workers.locator('tbody tr').first();
    await expect(row).toContainText(/idle|busy/, { timeout: 30_000 });
    await expect(page.getByText('1 connected')).toBeVisible();
    await testInfo.attach('cluster', {
      body: await page.screenshot({ fullPage: true }),
      contentType: 'image/png',
    });

    await race(page, ['distributed']);
    // Its lane joins the local workers' (the lanes are drawn on a canvas; its name counts them).
    await expect(page.getByRole('img', { name: /distributed [3-9] lanes \(done\)/ })).toBeVisible();
    await expect(resultsTable(page).locator('tr[data-model="distributed"]')).toContainText(
      '1 worker process that joined',
    );

    await page.getByRole('button', { name: 'Cluster', exact: true }).click();
    await page.getByRole('button', { name: 'Stop the room server' }).click();
    await expect(page.getByText('Each distributed run starts a private NATS server')).toBeVisible();
  } finally {
    // Ctrl-C leaves the lab; a worker that does not leave within 5 s is killed, so none outlives the test.
    const child = worker;
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  }
});
