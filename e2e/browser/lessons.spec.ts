/**
 * The workshop, as an instructor walks through it in browser mode: every lesson opens, runs at a
 * small size and shows its result, with "what to notice" checked against what was measured.
 * Claims whose truth depends on this machine's speed are only required to be decided or undecided
 * (data-holds true, false or null); the ones that hold by construction (Atomics and the mutex are
 * exact, the pipeline writes every item once, the deadlock is found and lock ordering fixes it)
 * are asserted.
 */
import { readFile } from 'node:fs/promises';
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

/** Opens the Lessons view and picks a lesson from its list; returns the lesson's article. */
async function openLesson(page: Page, id: string, title: string): Promise<Locator> {
  await page.goto(`${server.url}#lessons`);
  await page.getByRole('navigation', { name: 'Lessons' }).getByRole('button', { name: title }).click();
  const lesson = page.locator(`[data-lesson="${id}"]`);
  await expect(lesson.getByRole('heading', { level: 2, name: title }).first()).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`#lessons/${id}$`));
  return lesson;
}

async function fill(lesson: Locator, values: Readonly<Record<string, string>>): Promise<void> {
  for (const [label, value] of Object.entries(values))
    await lesson.getByLabel(label, { exact: true }).fill(value);
}

/** Presses Run and waits for the measurement: the checked "what to notice" list. */
async function run(lesson: Locator): Promise<Locator> {
  await lesson.getByRole('button', { name: 'Run', exact: true }).click();
  const claims = lesson.getByRole('list', { name: 'What to notice' });
  await expect(claims).toBeVisible({ timeout: 60_000 });
  await expect(lesson.getByRole('alert')).toHaveCount(0);
  const items = claims.getByRole('listitem');
  expect(await items.count()).toBeGreaterThan(0);
  for (const holds of await items.evaluateAll((li) => li.map((el) => el.getAttribute('data-holds'))))
    expect(['true', 'false', 'null']).toContain(holds);
  return claims;
}

/** The comparison table of a run lesson: one row per model the lesson races. */
async function expectComparison(lesson: Locator, models: readonly string[]): Promise<void> {
  const table = lesson.getByRole('table', { name: /^Comparison of the models/ });
  for (const model of models) {
    const row = table.getByRole('row', { name: new RegExp(`^${model} `) });
    await expect(row).toBeVisible();
    await expect(row, `${model} finished`).not.toContainText('failed');
  }
}

test('"10 files": the I/O and the CPU variant each race four models and explain the winner', async ({
  page,
}) => {
  const lesson = await openLesson(page, 'ten-files', '10 files');
  await fill(lesson, { Tasks: '4', 'Task time': '60' });
  await run(lesson);
  await expectComparison(lesson, ['sequential', 'async', 'threads', 'processes']);
  await expect(lesson.getByRole('region', { name: 'Why each model wins or loses' })).toBeVisible();

  await lesson.getByRole('radio', { name: 'CPU (computing)' }).check();
  await fill(lesson, { Tasks: '4', 'Task time': '40' });
  await run(lesson);
  await expectComparison(lesson, ['sequential', 'async', 'threads', 'processes']);
});

test('"Many HTTP requests" against the embedded server: requests in flight are charted per model', async ({
  page,
}) => {
  const lesson = await openLesson(page, 'http-requests', 'Many HTTP requests');
  await fill(lesson, { Tasks: '30', 'Server latency': '10', 'Async concurrency': '5' });
  await run(lesson);
  await expectComparison(lesson, ['sequential', 'async', 'threads', 'processes']);
  await expect(
    lesson.getByRole('img', { name: /^Requests in flight over time, one line per model/ }),
  ).toBeVisible();
});

test('"Batch image processing": every image appears as a tile of the lane that processed it', async ({
  page,
}) => {
  const lesson = await openLesson(page, 'image-batch', 'Batch image processing');
  await fill(lesson, { Tasks: '6', 'Image size': '64', 'Blur radius': '2' });
  await run(lesson);
  await expectComparison(lesson, ['sequential', 'gil-threads', 'threads', 'processes']);
  const tiles = lesson.getByRole('region', { name: 'Images' }).getByRole('img');
  await expect(tiles.first()).not.toHaveAccessibleName(/no images yet/);
  // In the lesson's narrow column every model's notes are readable without scrolling sideways.
  const table = lesson.getByRole('table', { name: /^Comparison of the models/ });
  await expect(table.getByText(/sharing one GIL/).filter({ visible: true })).toHaveCount(1);
  const overflow = await table.evaluate(
    (el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('"Race condition": Atomics.add and the mutex end exactly on the expected count', async ({ page }) => {
  const lesson = await openLesson(page, 'race-condition', 'Race condition');
  await fill(lesson, { Workers: '2', 'Increments per worker': '20000' });
  await run(lesson);
  const table = lesson.getByRole('region', { name: 'Counts and times' }).getByRole('table');
  for (const name of ['threads, Atomics.add', 'threads, mutex']) {
    const row = table.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect(row).toContainText('40,000');
    await expect(row.getByRole('cell').nth(2)).toHaveText('none');
  }
  await expect(table.getByRole('row', { name: /^threads, no lock/ })).toBeVisible();
});

test('"Passing data between workers": ms per MB for every way, and the message round trip', async ({
  page,
}) => {
  const lesson = await openLesson(page, 'data-passing', 'Passing data between workers');
  await lesson.getByRole('slider', { name: 'Payload size' }).fill('16');
  await fill(lesson, { Sizes: '2', Repeats: '1', 'Latency samples': '20' });
  await run(lesson);
  await expect(lesson.getByRole('img', { name: /^Milliseconds per megabyte/ })).not.toHaveAccessibleName(
    /nothing measured yet/,
  );
  await expect(lesson.getByRole('table', { name: /Message round trip/ })).toBeVisible();
});

test('"Producer/consumer pipeline": every produced item is written to SQLite exactly once', async ({
  page,
}) => {
  const lesson = await openLesson(page, 'pipeline', 'Producer/consumer pipeline');
  await fill(lesson, { Items: '200', 'Queue capacity': '4', Consumers: '2', 'Work per item': '1000' });
  await run(lesson);
  await expect(lesson.locator('[data-exactly-once]')).toHaveAttribute('data-exactly-once', 'true');
  await expect(lesson.getByRole('region', { name: 'Totals' })).toContainText('200');
});

test('"Deadlock": opposite lock order is detected; one global order completes', async ({ page }) => {
  const lesson = await openLesson(page, 'deadlock', 'Deadlock');
  await fill(lesson, { 'Pause while holding a lock': '20', 'Lock wait timeout': '100' });
  await run(lesson);
  await expect(lesson.locator('[data-strategy="opposite-order"] [data-outcome]')).toHaveAttribute(
    'data-outcome',
    'deadlock-detected',
  );
  await expect(lesson.locator('[data-strategy="global-order"] [data-outcome]')).toHaveAttribute(
    'data-outcome',
    'completed',
  );
});

test('a lesson run is kept in History: exported from its lesson, listed, and re-opened in its lesson', async ({
  page,
}) => {
  const lesson = await openLesson(page, 'race-condition', 'Race condition');
  await fill(lesson, { Workers: '2', 'Increments per worker': '20000' });
  await run(lesson);
  await expect(lesson.getByRole('status').filter({ hasText: 'Saved in History' })).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    lesson.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^concurrency-lab-race-condition-[\d-]+\.md$/);
  const markdown = await readFile(await download.path(), 'utf8');
  expect(markdown).toContain('# Race condition');
  expect(markdown).toMatch(/Atomics\.add is exact/);
  const final = (await lesson.getByRole('row', { name: /^threads, Atomics\.add / }).textContent()) ?? '';

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History' }).click();
  const row = page.getByRole('row', { name: /^Select race-condition/ }).first();
  await expect(row).toContainText('Atomics.add exact');
  await row.getByRole('checkbox').check();
  await expect(page.getByRole('button', { name: 'Compare' })).toBeDisabled();
  await row.getByRole('checkbox').uncheck();
  await row.getByRole('button', { name: 'Open' }).click();

  await expect(page).toHaveURL(/#lessons\/race-condition$/);
  const reopened = page.locator('[data-lesson="race-condition"]');
  await expect(reopened.getByRole('status').filter({ hasText: 'opened from History' })).toContainText(
    'workers=2, increments=20000',
  );
  await expect(reopened.getByRole('row', { name: /^threads, Atomics\.add / })).toHaveText(final);
  await expect(reopened.getByRole('heading', { level: 2, name: 'Race condition' })).toBeFocused();
});

test('"Which model when": each row leads to the lesson that demonstrates it', async ({ page }) => {
  const lesson = await openLesson(page, 'which-model', 'Which model when');
  const guide = lesson.getByRole('table');
  await expect(guide.getByRole('row')).toHaveCount(1 + (await guide.locator('tbody tr').count()));
  expect(await guide.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
  await guide.getByRole('button', { name: 'Open “Producer/consumer pipeline”' }).click();
  await expect(page).toHaveURL(/#lessons\/pipeline$/);
  await expect(page.locator('[data-lesson="pipeline"]')).toBeVisible();

  await page.goto(`${server.url}#lessons/which-model`);
  await page.getByRole('button', { name: 'Open “10 files”, CPU variant' }).click();
  await expect(page.getByRole('radio', { name: 'CPU (computing)' })).toBeChecked();
});

test('an out-of-range knob names its range inline and starts nothing', async ({ page }) => {
  const lesson = await openLesson(page, 'race-condition', 'Race condition');
  await fill(lesson, { Workers: '1' });
  await expect(lesson.getByText(/2 to 16/)).toBeVisible();
  await expect(lesson.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
});

test('presenter mode and the keyboard: ? lists the shortcuts, arrows change lesson, R runs, Esc cancels', async ({
  page,
}) => {
  const lesson = await openLesson(page, 'pipeline', 'Producer/consumer pipeline');
  const toggle = page.getByRole('button', { name: 'Presenter mode' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await lesson.getByRole('heading', { level: 2 }).first().click();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  for (const key of ['R', 'Esc', '←', '→']) await expect(help).toContainText(key);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#lessons\/deadlock$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#lessons\/pipeline$/);

  // A slow pipeline, so Esc lands mid-run: it stops, and what was measured so far stays.
  const pipeline = page.locator('[data-lesson="pipeline"]');
  await fill(pipeline, { Items: '100000', 'Producer rate': '200' });
  await pipeline.getByRole('heading', { level: 2 }).first().click();
  await page.keyboard.press('r');
  await expect(pipeline.getByRole('status').filter({ hasText: 'Running…' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pipeline.getByRole('status').filter({ hasText: /Cancelled/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(pipeline.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
});
