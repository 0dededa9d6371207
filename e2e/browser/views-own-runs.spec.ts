/**
 * Views keep their own runs: a Race run never shows in a lesson and a lesson's run never shows in
 * Race, and the "measured here" tables come back after a reload from the history that holds the runs.
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

test.describe.configure({ mode: 'serial' });

function view(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true });
}

/** The race panel of the view on screen, and the caption naming the run it shows. */
function racePanel(page: Page): { readonly status: Locator; readonly caption: Locator } {
  const panel = page.getByRole('region', { name: 'Race' });
  return { status: panel.getByRole('status'), caption: panel.locator('.run-caption') };
}

async function openTenFiles(page: Page): Promise<Locator> {
  await view(page, 'Lessons').click();
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: '10 files' }).click();
  const lesson = page.locator('[data-lesson="ten-files"]');
  await lesson.getByRole('radio', { name: 'I/O (waiting)' }).check();
  return lesson;
}

test('a run never appears in another view, and each view names the run it shows', async ({
  page,
}, testInfo) => {
  await page.goto(server.url);
  await view(page, 'Race').click();
  await page.getByLabel('Scenario').selectOption('io-sleep');
  await page.getByLabel('Tasks', { exact: true }).fill('3');
  await page.getByLabel('Task time', { exact: true }).fill('40');
  for (const model of ['threads', 'gil-threads', 'processes'])
    await page.getByLabel(model, { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(racePanel(page).status).toHaveText(/^Finished/, { timeout: 30_000 });
  await expect(racePanel(page).caption).toContainText('Tasks 3');
  const raceRunId = await racePanel(page).caption.getAttribute('data-run-id');
  expect(raceRunId).toBeTruthy();

  // The GIL lesson's race panel does not show the Race view's run.
  await view(page, 'GIL lesson').click();
  await expect(racePanel(page).status).not.toHaveText(/Simulated I\/O waits/);
  await expect(page.locator(`[data-run-id="${raceRunId}"]`)).toHaveCount(0);

  // Nor does the "10 files" lesson; its own run stays in it.
  const lesson = await openTenFiles(page);
  await expect(lesson.locator(`[data-run-id="${raceRunId}"]`)).toHaveCount(0);
  await lesson.getByLabel('Tasks', { exact: true }).fill('4');
  await lesson.getByLabel('Task time', { exact: true }).fill('50');
  await lesson.getByRole('button', { name: 'Run', exact: true }).click();
  const lessonCaption = lesson.locator('.run-caption');
  await expect(lesson.getByRole('region', { name: 'Race' }).getByRole('status')).toHaveText(/^Finished/, {
    timeout: 60_000,
  });
  await expect(lessonCaption).toContainText('Tasks 4');
  const lessonRunId = await lessonCaption.getAttribute('data-run-id');
  expect(lessonRunId).not.toBe(raceRunId);

  // Race still shows its own run, with its own settings, never the lesson's.
  await view(page, 'Race').click();
  await expect(racePanel(page).caption).toHaveAttribute('data-run-id', raceRunId!);
  await expect(racePanel(page).caption).toContainText('Tasks 3');
  await expect(page.locator(`[data-run-id="${lessonRunId}"]`)).toHaveCount(0);
  await expect(page.getByLabel('Tasks', { exact: true })).toHaveValue('3');
  await view(page, 'GIL lesson').click();
  await expect(page.locator(`[data-run-id="${lessonRunId}"]`)).toHaveCount(0);
  await testInfo.attach('race-after-lesson', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });
});

test('after a reload, each view shows its own last run and the "measured here" tables are filled', async ({
  page,
}) => {
  await page.goto(server.url);
  await view(page, 'GIL lesson').click();
  await page.getByRole('button', { name: 'Run the I/O comparison' }).click();
  await expect(racePanel(page).status).toHaveText(/^Finished/, { timeout: 90_000 });
  const gilSpeedup = page.locator('[data-speedup-io-threads]').first();
  await expect(gilSpeedup).toHaveAttribute('data-speedup-io-threads', /\d/);

  await page.reload();
  await view(page, 'GIL lesson').click();
  await expect(gilSpeedup).toHaveAttribute('data-speedup-io-threads', /\d/);
  await expect(racePanel(page).caption).toContainText('Showing');

  await view(page, 'Race').click();
  await expect(racePanel(page).caption).toContainText('Tasks 3');

  const lesson = await openTenFiles(page);
  await expect(lesson.locator('.run-caption')).toContainText('Tasks 4');
  await expect(lesson.getByRole('region', { name: 'Why each model wins or loses' })).toContainText('×');

  await page
    .getByRole('navigation', { name: 'Lessons' })
    .getByRole('button', { name: 'Which model when' })
    .click();
  const guide = page.locator('[data-lesson="which-model"]');
  await expect(guide.getByText('Measured here:')).toHaveCount(1);
  await expect(guide).toContainText(
    /threads \d+\.\d+×, async \d+\.\d+×, processes \d+\.\d+× over sequential/,
  );
});
