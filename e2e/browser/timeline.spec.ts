import { expect, test, type Page } from '@playwright/test';
import { requireChromium } from '../support/chromium';
import { startLabServer, type LabServer } from '../support/lab-server';

requireChromium();
test.use({ viewport: { width: 1440, height: 900 } });

let server: LabServer;
test.beforeAll(async () => {
  server = await startLabServer();
});
test.afterAll(async () => {
  await server?.stop();
});

/** Where on the canvas the first lane (sequential's) is: under the axis (26 px) and its header (24 px). */
const FIRST_LANE_Y = 26 + 24 + 8;

function range(page: Page) {
  return page.getByRole('status', { name: 'Time range on screen' });
}

test('the lanes explain the task under the pointer, select it, and zoom, pan and fit by mouse and keys', async ({
  page,
}, testInfo) => {
  await page.goto(server.url);
  await page.getByLabel('Scenario').selectOption('cpu-primes');
  await page.getByLabel('Tasks', { exact: true }).fill('6');
  await page.getByLabel('Task time', { exact: true }).fill('40');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('table').locator('tbody tr[data-model]')).toHaveCount(5, { timeout: 60_000 });

  const lanes = page.getByRole('img', { name: /^Lanes timeline/ });
  await lanes.scrollIntoViewIfNeeded();
  const box = (await lanes.boundingBox())!;
  // Hover: the task under the pointer, asked of the engine. Near the start of the plot (past the
  // labels' gutter of at most 200 px), where sequential is busy whatever the other models took.
  const x = box.x + 230;
  await page.mouse.move(x, box.y + FIRST_LANE_Y);
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText(/Task \d+ · sequential · /);
  for (const fact of ['State', 'Started', 'Ended', 'Duration', 'Queue wait', 'Output'])
    await expect(tooltip).toContainText(fact);
  await expect(tooltip).toContainText('count');

  // Click: the same task in the details panel.
  const title = (await tooltip.locator('.task-title').innerText()).trim();
  await page.mouse.click(x, box.y + FIRST_LANE_Y);
  const details = page.getByRole('region', { name: 'Selected task' });
  await expect(details).toContainText(title);

  // Keys: zoom in twice around the middle, pan, back to the whole run.
  await expect(range(page)).toHaveText(/^Whole run: 0 – /);
  await lanes.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(range(page)).toHaveText(/^Showing .+ \(×2\.3\)$/);
  const zoomed = await range(page).innerText();
  await page.keyboard.press('ArrowRight');
  await expect(range(page)).not.toHaveText(zoomed);
  // The arrows pan the timeline, not the app's views.
  await expect(page).toHaveTitle(/^Race/);
  // The wheel zooms around the pointer once the timeline has focus; a drag pans.
  await page.mouse.move(box.x + box.width * 0.6, box.y + FIRST_LANE_Y);
  await page.mouse.wheel(0, -400);
  await expect(range(page)).toHaveText(/\(×(\d\d|[4-9])/);
  const beforeDrag = await range(page).innerText();
  await page.mouse.move(box.x + box.width * 0.6, box.y + FIRST_LANE_Y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + FIRST_LANE_Y + 40, { steps: 5 });
  await page.mouse.up();
  await expect(range(page)).not.toHaveText(beforeDrag);
  await testInfo.attach('zoomed', { body: await page.screenshot(), contentType: 'image/png' });

  // One axis per model, then Fit.
  await page.getByRole('radio', { name: 'One per model' }).check();
  await expect(range(page)).toHaveText(/^Each model: .+ of its run/);
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(range(page)).toHaveText('Each model’s whole run');
  // Esc clears the selection before it would cancel anything.
  await lanes.focus();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
});

test('without a mouse: Tab to the lanes, pick a lane with the arrows, Enter explains its task, 0 fits', async ({
  page,
}) => {
  await page.goto(server.url);
  // Waits, not computing: sequential (6 × 100 ms) takes the longest however busy the machine is.
  await page.getByLabel('Scenario').selectOption('io-sleep');
  await page.getByLabel('Tasks', { exact: true }).fill('6');
  await page.getByLabel('Task time', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('table').locator('tbody tr[data-model]')).toHaveCount(5, { timeout: 60_000 });

  // The toolbar's axis choice is the stop before the canvas.
  await page.getByRole('radio', { name: 'One time axis' }).focus();
  await page.keyboard.press('Tab');
  const lanes = page.getByRole('img', { name: /^Lanes timeline/ });
  await expect(lanes).toBeFocused();
  // The cursor starts on the first lane, in the middle of the run, where sequential is still busy.
  const cursor = page.getByRole('status', { name: 'Timeline cursor' });
  await expect(cursor).toHaveText(/^sequential · .+, at \d/);
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: 'Selected task' });
  await expect(details).toContainText(/Task \d+ · sequential · /);
  await expect(details).toContainText('Duration');

  // Down to the next model's lanes; + zooms in; 0 fits the whole run again.
  await page.keyboard.press('ArrowDown');
  await expect(cursor).toHaveText(/^async · .+, at \d/);
  await page.keyboard.press('+');
  await expect(range(page)).toHaveText(/^Showing .+ \(×1\.5\)$/);
  await page.keyboard.press('0');
  await expect(range(page)).toHaveText(/^Whole run: 0 – /);
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  // Leaving the canvas hides the cursor.
  await page.keyboard.press('Shift+Tab');
  await expect(cursor).toHaveText('');
});
