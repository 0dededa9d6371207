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

const VIEWS = ['Race', 'Responsiveness', 'GIL lesson', 'Lessons', 'History', 'Cluster'] as const;

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Elements inside the page that scroll sideways (a table wider than its panel), described. */
async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const { overflowX } = getComputedStyle(el);
        return (overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth} px)`),
  );
}

async function showView(page: Page, name: (typeof VIEWS)[number]): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
}

async function smallRace(page: Page): Promise<void> {
  await page.getByLabel('Scenario').selectOption('io-sleep');
  await page.getByLabel('Tasks', { exact: true }).fill('4');
  await page.getByLabel('Task time', { exact: true }).fill('300');
}

function racePanel(page: Page) {
  return page.getByRole('region', { name: 'Race', exact: true });
}

// A projector at 1280×720, and a 1024 px one, where presenter mode's larger type leaves one column.
for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1024, height: 700 },
])
  test(`presenter mode at ${viewport.width}×${viewport.height}: nothing scrolls sideways; Run and the race are on screen together; times and lessons are whole`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.goto(server.url);
    await expect(page.getByLabel('Scenario')).toBeEnabled();
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    for (const name of VIEWS) {
      await showView(page, name);
      await expect(page).toHaveTitle(new RegExp(`${name} — Concurrency Lab`));
      expect(await sidewaysOverflow(page), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
      expect(await sidewaysScrollers(page), `${name}: a part scrolls sideways`).toEqual([]);
    }

    // Every lesson's entry in the list is whole, none scrolled off the edge; no lesson's table scrolls sideways.
    await showView(page, 'Lessons');
    const lessons = await page.getByRole('navigation', { name: 'Lessons' }).getByRole('button').all();
    for (const lesson of lessons) await expect(lesson).toBeInViewport({ ratio: 1 });
    for (const lesson of lessons) {
      await lesson.click();
      const name = await lesson.innerText();
      expect(await sidewaysOverflow(page), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
      expect(await sidewaysScrollers(page), `${name}: a part scrolls sideways`).toEqual([]);
    }

    await showView(page, 'Race');
    await smallRace(page);
    const run = page.getByRole('button', { name: 'Run', exact: true });
    await expect(run).toBeInViewport({ ratio: 1 });
    // Side by side where two columns fit; in one column the race comes into view when Run is pressed.
    if (viewport.width === 1280) await expect(racePanel(page)).toBeInViewport();
    await run.click();
    await expect(page.getByRole('progressbar', { name: 'sequential progress', exact: true })).toBeVisible();
    await expect(run).toBeInViewport({ ratio: 1 });
    await expect(racePanel(page).getByRole('heading', { name: 'Race' })).toBeInViewport();
    await expect(page.getByRole('table').locator('tbody tr[data-model]')).toHaveCount(5, { timeout: 60_000 });
    // Each model's time is inside the race panel, not cut off at its edge.
    const panel = (await racePanel(page).boundingBox())!;
    for (const time of await racePanel(page).locator('.race-time').all()) {
      const box = (await time.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(panel.x + panel.width);
      expect(await time.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await sidewaysScrollers(page), 'a finished race: a part scrolls sideways').toEqual([]);
    await testInfo.attach(`presenter ${viewport.width}×${viewport.height}`, {
      body: await page.screenshot(),
      contentType: 'image/png',
    });
    // The runs' rows in History, with every column, fit too.
    await showView(page, 'History');
    await expect(page.getByRole('table', { name: 'Run history' }).locator('tbody tr').first()).toBeVisible();
    expect(await sidewaysScrollers(page), 'History with a run: a part scrolls sideways').toEqual([]);
  });

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
]) {
  test(`at ${viewport.width}×${viewport.height} Run is on screen without scrolling, and the live race comes into view`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto(server.url);
    await expect(page.getByLabel('Scenario')).toBeEnabled();
    if (viewport.width === 1440) {
      // The header is one row: every part of it sits on the same line.
      const tops = await page
        .locator('.app-header > *')
        .evaluateAll((parts) =>
          parts.map((part) => part.getBoundingClientRect()).map((r) => r.top + r.height / 2),
        );
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(12);
    }
    await smallRace(page);
    const run = page.getByRole('button', { name: 'Run', exact: true });
    await expect(run).toBeInViewport({ ratio: 1 });
    await run.click();
    await expect(racePanel(page).getByRole('progressbar').first()).toBeInViewport();
  });
}

test('a chart enlarges to fill the window and comes back with Esc, the focus on its button', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(server.url);
  const throughput = page.getByRole('region', { name: 'Throughput' });
  const enlarge = throughput.getByRole('button', { name: 'Enlarge Throughput' });
  const before = (await throughput.boundingBox())!;
  await enlarge.focus();
  await page.keyboard.press('Enter');
  const restore = throughput.getByRole('button', { name: 'Restore Throughput (Esc)' });
  await expect(restore).toBeFocused();
  await expect(restore).toHaveAttribute('aria-pressed', 'true');
  const enlarged = (await throughput.boundingBox())!;
  expect(enlarged.width).toBeGreaterThan(1200);
  expect(enlarged.height).toBeGreaterThan(650);
  expect((await throughput.locator('canvas').boundingBox())!.height).toBeGreaterThan(400);
  await page.keyboard.press('Escape');
  await expect(enlarge).toBeFocused();
  const after = (await throughput.boundingBox())!;
  expect(Math.abs(after.width - before.width)).toBeLessThan(2);
  expect(Math.abs(after.height - before.height)).toBeLessThan(2);
});

test('the side history lists the latest 4 runs, counted as History counts them, and links to the rest', async ({
  page,
}) => {
  // Its own server: a history of exactly these runs.
  const own = await startLabServer();
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(own.url);
    await page.getByLabel('Scenario').selectOption('io-sleep');
    await page.getByLabel('Tasks', { exact: true }).fill('1');
    await page.getByLabel('Task time', { exact: true }).fill('10');
    for (const model of ['async', 'threads', 'gil-threads', 'processes'])
      await page.getByLabel(model, { exact: true }).uncheck();
    const run = page.getByRole('button', { name: 'Run', exact: true });
    const side = page.getByRole('region', { name: 'History', exact: true });
    for (let saved = 1; saved <= 4; saved++) {
      await run.click();
      await expect(side.getByText(`${saved} saved`)).toBeVisible({ timeout: 30_000 });
      await expect(run).toBeEnabled();
    }
    // A lesson's run counts as a run, newest first.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Lessons' }).click();
    await page
      .getByRole('navigation', { name: 'Lessons' })
      .getByRole('button', { name: /Deadlock/ })
      .click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.locator('[data-outcome]').first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Race' }).click();
    await expect(side.getByText('5 saved')).toBeVisible();
    await expect(side.getByRole('listitem')).toHaveCount(4);
    await expect(side.getByRole('listitem').first()).toContainText('lesson');
    await expect(side.getByRole('list', { name: 'The latest 4 of 5 runs' })).toBeVisible();
    await side.getByRole('button', { name: 'All 5 runs in History' }).click();
    await expect(page).toHaveTitle(/^History — Concurrency Lab/);
    await expect(page.getByRole('table', { name: 'Run history' }).locator('tbody tr')).toHaveCount(5);
  } finally {
    await own.stop();
  }
});
