import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();

const servers: LabServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function start(sandbox?: string): Promise<LabServer> {
  const server = await startLabServer(sandbox ? { sandbox } : {});
  servers.push(server);
  return server;
}

async function race(page: Page, tasks: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Race' }).click();
  await page.getByLabel('Scenario').selectOption('io-sleep');
  await page.getByLabel('Tasks', { exact: true }).fill(tasks);
  await page.getByLabel('Task time', { exact: true }).fill('50');
  for (const model of ['threads', 'gil-threads', 'processes'])
    await page.getByLabel(model, { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled({ timeout: 30_000 });
}

function historyTable(page: Page) {
  return page.getByRole('table', { name: 'Run history' });
}

test('finished runs stay in the history across a restart; they can be compared and deleted', async ({
  page,
}, testInfo) => {
  const first = await start();
  await page.goto(first.url);
  await race(page, '2');
  await race(page, '4');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
  await expect(historyTable(page).locator('tbody tr')).toHaveCount(2);
  await first.stop();
  servers.splice(0);

  const second = await start(first.sandbox);
  await page.goto(`${second.url}#history`);
  const rows = historyTable(page).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('tasks=4');
  await page.getByRole('checkbox', { name: 'Select all runs' }).check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('region', { name: 'Comparison chart' })).toBeVisible();
  await testInfo.attach('comparison', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });

  await rows.first().getByRole('checkbox').uncheck();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Delete 1 run?');
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('tasks=4');
});

test('a corrupt history file is moved aside, the user is told, and the app works', async ({
  page,
}, testInfo) => {
  const first = await start();
  await first.stop();
  servers.splice(0);
  writeFileSync(
    join(first.sandbox, 'data', 'run-history.sqlite'),
    'this is not a database, it is a shopping list',
  );

  const second = await start(first.sandbox);
  await page.goto(second.url);
  const notice = page.getByRole('alert').filter({ hasText: /could not be opened/ });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('moved to');
  await testInfo.attach('notice', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
  await race(page, '2');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
  await expect(historyTable(page).locator('tbody tr')).toHaveCount(1);
});
