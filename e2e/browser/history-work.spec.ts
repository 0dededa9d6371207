/**
 * History a user can work with: the runs filtered by scenario, lesson or words; a run opened at its
 * own address (#history/<id>), which survives a reload and can be linked to.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
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

function view(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
}

/** A small io-sleep race of sequential and async from the Race view, to its end. */
async function race(page: Page, tasks: string): Promise<void> {
  await view(page, 'Race').click();
  await page.getByLabel('Scenario').selectOption('io-sleep');
  await page.getByLabel('Tasks', { exact: true }).fill(tasks);
  await page.getByLabel('Task time', { exact: true }).fill('50');
  for (const model of ['threads', 'gil-threads', 'processes'])
    await page.getByLabel(model, { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('button', { name: 'Run' })).toBeEnabled({ timeout: 30_000 });
}

/** The "Race condition" lesson, small, to its checked claims. */
async function raceConditionLesson(page: Page): Promise<void> {
  await page.goto(`${server.url}#lessons`);
  await page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('button', { name: 'Race condition' })
    .click();
  const lesson = page.locator('[data-lesson="race-condition"]');
  await lesson.getByLabel('Workers', { exact: true }).fill('2');
  await lesson.getByLabel('Increments per worker', { exact: true }).fill('20000');
  await lesson.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(lesson.getByRole('status').filter({ hasText: 'Saved in History' })).toBeVisible({
    timeout: 60_000,
  });
}

function rows(page: Page): Locator {
  return page.getByRole('table', { name: 'Run history' }).locator('tbody tr');
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

test.describe.configure({ mode: 'serial' });

test('History filters its runs by scenario, lesson and words, and says when nothing matches', async ({
  page,
}, testInfo) => {
  await page.goto(server.url);
  await race(page, '2');
  await race(page, '4');
  await raceConditionLesson(page);
  await view(page, 'History').click();
  await expect(rows(page)).toHaveCount(3);

  const filter = page.getByRole('search', { name: 'Filter the run history' });
  await filter.getByLabel('Show').selectOption({ label: 'Race condition' });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('race-condition');
  await expect(filter).toContainText('1 of 3 runs shown');

  await filter.getByLabel('Show').selectOption({ label: 'io-sleep' });
  await expect(rows(page)).toHaveCount(2);
  await filter.getByLabel('Find').fill('TASKS=4');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('tasks=4');
  await testInfo.attach('filtered', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });

  await filter.getByLabel('Find').fill('no run says this');
  await expect(page.getByText('No run matches this filter.')).toBeVisible();
  await page.getByRole('button', { name: 'Show every run' }).click();
  await expect(rows(page)).toHaveCount(3);
  await expect(filter.getByLabel('Find')).toHaveValue('');
});

test('a run opened in History has its own address: it survives a reload, Back returns to the list', async ({
  page,
}) => {
  await page.goto(`${server.url}#history`);
  const row = rows(page).filter({ hasText: 'tasks=2' });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(new RegExp(`#history/${UUID}$`));
  const address = page.url();
  const facts = page.locator('.run-facts');
  await expect(facts).toContainText('io-sleep — tasks 2');

  await page.reload();
  await expect(page).toHaveURL(address);
  await expect(page.getByRole('button', { name: 'Back to history' })).toBeVisible();
  await expect(facts).toContainText('io-sleep — tasks 2');

  await page.getByRole('button', { name: 'Back to history' }).click();
  await expect(page).toHaveURL(/#history$/);
  await expect(rows(page)).toHaveCount(3);

  // A bookmark of the run, opened in a fresh page; and one whose run is gone says so.
  const fresh = await page.context().newPage();
  await fresh.goto(address);
  await expect(fresh.locator('.run-facts')).toContainText('io-sleep — tasks 2');
  await fresh.goto(`${server.url}#history/00000000-0000-4000-8000-000000000000`);
  await expect(fresh.getByRole('alert').filter({ hasText: 'Could not open the run' })).toContainText(
    'no finished run 00000000-0000-4000-8000-000000000000',
  );
});

test('a lesson run’s address opens it in its lesson', async ({ page }) => {
  await page.goto(`${server.url}#history`);
  const lessonRow = rows(page).filter({ hasText: 'race-condition' });
  // The id a shared link would carry, read from its row's Open button.
  const runId = (await lessonRow.getByRole('button', { name: 'Open' }).getAttribute('id'))?.replace(
    /^history-open-/,
    '',
  );
  expect(runId).toMatch(new RegExp(`^${UUID}$`));
  await page.goto(`${server.url}#history/${runId}`);
  await expect(page).toHaveURL(/#lessons\/race-condition$/);
  await expect(
    page
      .locator('[data-lesson="race-condition"]')
      .getByRole('status')
      .filter({ hasText: 'opened from History' }),
  ).toBeVisible();
});

test('a re-opened run loads its settings into its view’s form, or runs again with them', async ({ page }) => {
  await page.goto(`${server.url}#history`);
  await rows(page).filter({ hasText: 'tasks=4' }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('group', { name: 'Run it again' })).toBeVisible();
  await expect(page.getByText('In the Race view, with these settings.')).toBeVisible();
  await page.getByRole('button', { name: 'Load settings' }).click();
  await expect(page).toHaveURL(/#race$/);
  await expect(page.getByLabel('Scenario')).toHaveValue('io-sleep');
  await expect(page.getByLabel('Tasks', { exact: true })).toHaveValue('4');
  await expect(page.getByLabel('Task time', { exact: true })).toHaveValue('50');
  await expect(page.getByLabel('async', { exact: true })).toBeChecked();
  await expect(page.getByLabel('threads', { exact: true })).not.toBeChecked();

  await page.goto(`${server.url}#history`);
  await rows(page).filter({ hasText: 'tasks=2' }).getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page).toHaveURL(/#race$/);
  await expect(page.getByLabel('Tasks', { exact: true })).toHaveValue('2');
  const race = page.getByRole('region', { name: 'Race' });
  await expect(race.getByRole('status')).toHaveText(/^Finished/, { timeout: 30_000 });
  await view(page, 'History').click();
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).first()).toContainText('tasks=2, task-ms=50');
});
